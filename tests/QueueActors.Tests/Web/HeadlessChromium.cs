using System.Collections.ObjectModel;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace QueueActors.Tests.Web;

/// <summary>
/// The distribution's headless Chromium driven through its own chromedriver (both given by path: no driver is looked
/// for or downloaded), with the browser's console log kept for <see cref="SevereConsoleEntries"/>. One per test class.
/// </summary>
public sealed class HeadlessChromium : IDisposable
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    /// <summary>How long a wait for the page lasts (it updates every second).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private HeadlessChromium(ChromeDriver driver) => WebDriver = driver;

    public ChromeDriver WebDriver { get; }

    /// <exception cref="InvalidOperationException">Chromium or its driver is not installed (the message says how to get them).</exception>
    public static HeadlessChromium Start()
    {
        foreach (var tool in new[] { Browser, Driver })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException($"{tool} is missing: run scripts/install-test-deps.sh as root (or apt-get install chromium chromium-driver)");
            }
        }

        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.SuppressInitialDiagnosticInformation = true;
        service.HideCommandPromptWindow = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,1024");
        options.SetLoggingPreference(LogType.Browser, LogLevel.All);
        return new HeadlessChromium(new ChromeDriver(service, options, TimeSpan.FromSeconds(60)));
    }

    /// <summary>The browser console's SEVERE entries since the last call (errors of scripts, failed loads).</summary>
    public IReadOnlyList<string> SevereConsoleEntries()
    {
        ReadOnlyCollection<LogEntry> entries = WebDriver.Manage().Logs.GetLog(LogType.Browser);
        return [.. entries.Where(e => e.Level == LogLevel.Severe).Select(e => e.Message)];
    }

    /// <summary>Waits until <paramref name="condition"/> holds, reading the page again while it re-renders.</summary>
    public T Until<T>(Func<IWebDriver, T> condition, string what)
    {
        var wait = new WebDriverWait(WebDriver, Patience) { Message = what };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    /// <summary>Clicks the element once it is there; the page re-renders its tables every second, so a stale element is looked up again.</summary>
    public void Click(By element, string what) => Until(d =>
    {
        d.FindElement(element).Click();
        return true;
    }, what);

    public void Dispose() => WebDriver.Quit();
}
