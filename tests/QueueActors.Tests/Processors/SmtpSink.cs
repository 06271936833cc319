using System.Diagnostics;
using MimeKit;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Processors;

/// <summary>
/// A real SMTP server for the email tests: <c>smtp_sink.py</c> on Debian's python3-aiosmtpd, on a free 127.0.0.1
/// port, writing each accepted message to a temporary directory (<see cref="Messages"/>). Recipients named
/// <c>reject…@</c> get 550, <c>busy…@</c> 451, <c>busyonce…@</c> 451 once; the login is <c>qa</c> /
/// <see cref="Password"/>. A missing aiosmtpd fails the test with the way to install it.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    public const string Password = "sink-password-7f3a";
    private readonly Process _process;
    private readonly TempDirectory _directory;

    private SmtpSink(Process process, TempDirectory directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public static async Task<SmtpSink> StartAsync()
    {
        var directory = new TempDirectory();
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Processors", "smtp_sink.py"));
        info.ArgumentList.Add(directory.Path);
        info.Environment["SINK_PASSWORD"] = Password;
        var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start /usr/bin/python3.");
        try
        {
            var line = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
            if (line is null || !line.StartsWith("listening ", StringComparison.Ordinal))
            {
                var error = await process.StandardError.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(10));
                throw new InvalidOperationException(error.Contains("aiosmtpd", StringComparison.Ordinal)
                    ? $"The SMTP sink needs Debian's python3-aiosmtpd: run ./test.sh as root (scripts/install-test-deps.sh installs it) or apt-get install python3-aiosmtpd. {error}"
                    : $"The SMTP sink did not start: {line} {error}");
            }

            return new SmtpSink(process, directory, int.Parse(line["listening ".Length..], System.Globalization.CultureInfo.InvariantCulture));
        }
        catch
        {
            process.Kill();
            process.Dispose();
            directory.Dispose();
            throw;
        }
    }

    /// <summary>The messages accepted so far, parsed.</summary>
    public IReadOnlyList<MimeMessage> Messages() =>
        [.. Directory.GetFiles(_directory.Path, "*.eml").Select(file => MimeMessage.Load(file))];

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _directory.Dispose();
    }
}
