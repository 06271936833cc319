using Microsoft.Extensions.Logging;
using QueueActors.Actors.Runtime;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.TestKit;

/// <summary>
/// A test class base that owns one actor system per test (xunit makes a new instance per test) and
/// terminates it afterwards; logs are captured in <see cref="Logs"/> and echoed to the test output.
/// </summary>
public abstract class TestKitBase : IAsyncLifetime
{
    private readonly ILoggerFactory loggerFactory;

    protected TestKitBase(ITestOutputHelper? output = null, TimeProvider? timeProvider = null, ActorSystemSettings? settings = null)
    {
        Logs = new LogCapture(output is null ? null : line => WriteQuietly(output, line));
        loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        Sys = ActorSystem.Create("test", settings ?? TestKitDefaults.ActorSystemSettings, loggerFactory, timeProvider);
        TestActor = CreateProbe("testActor");
    }

    protected ActorSystem Sys { get; }

    protected LogCapture Logs { get; }

    /// <summary>A ready probe for the common case of one.</summary>
    protected TestProbe TestActor { get; }

    protected TestProbe CreateProbe(string? name = null) => new(Sys, name);

    /// <summary>A probe that receives every <see cref="DeadLetter"/> of the system from now on.</summary>
    protected TestProbe SubscribeDeadLetters()
    {
        var probe = CreateProbe();
        Sys.EventStream.Subscribe(probe.Ref, typeof(DeadLetter));
        return probe;
    }

    protected static Task AwaitConditionAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        AwaitCondition.UntilAsync(condition, timeout, because);

    protected static Task AwaitAssertAsync(Action assertion, TimeSpan? timeout = null) =>
        AwaitCondition.AssertAsync(assertion, timeout);

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        await Sys.TerminateAsync().WaitAsync(TestKitSettings.Dilated(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        loggerFactory.Dispose();
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
