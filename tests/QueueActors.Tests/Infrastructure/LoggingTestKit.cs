using Microsoft.Extensions.Logging;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// Akka.TestKit's <c>TestKit</c> (one actor system named <c>test</c> per test) with the project's log capture: the
/// actors under test log to <see cref="LoggerFactory"/>, whose entries are kept in <see cref="Logs"/> and echoed to
/// the test output. With <c>testScheduler</c> the system runs on a <see cref="CountingTestScheduler"/>: its timers
/// fire only on <see cref="Scheduler"/>.<c>Advance</c>.
/// </summary>
public abstract class LoggingTestKit : Akka.TestKit.Xunit2.TestKit, IAsyncLifetime
{
    protected LoggingTestKit(ITestOutputHelper output, bool testScheduler = false)
        : base(testScheduler ? Akka.Configuration.ConfigurationFactory.ParseString(CountingTestScheduler.Hocon) : Akka.Configuration.Config.Empty, "test", output)
    {
        Logs = new LogCapture(line => WriteQuietly(output, line));
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
    }

    /// <summary>Every entry logged to <see cref="LoggerFactory"/>.</summary>
    protected LogCapture Logs { get; }

    /// <summary>What the actors under test log to.</summary>
    protected ILoggerFactory LoggerFactory { get; }

    /// <summary>The test scheduler (only when the test kit was made with one).</summary>
    protected CountingTestScheduler Scheduler => CountingTestScheduler.Of(Sys);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Stops the actor system (the TestKit's own dispose then finds it stopped).</summary>
    public virtual async Task DisposeAsync()
    {
        await Sys.Terminate().WaitAsync(TimeSpan.FromSeconds(10));
        LoggerFactory.Dispose();
    }

    private static void WriteQuietly(ITestOutputHelper output, string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // A log line after the test finished has no output to go to; it is still captured.
        }
    }
}
