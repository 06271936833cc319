using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport;
using QueueActors.TestKit;
using QueueActors.TestKit.Processing;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

/// <summary>A harness per test on the in-memory transport, with the scripted handlers and captured logs.</summary>
public abstract class ProcessingTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    private ILoggerFactory? _loggerFactory;
    private readonly List<ITransport> _owned = [];
    private ProcessingHarness? _harness;

    protected LogCapture Logs { get; } = new(line => Echo(output, line));

    protected HandlerScript Script { get; } = new();

    protected ProcessingHarness Harness => _harness ?? throw new InvalidOperationException("Call StartAsync first.");

    protected ProcessingRecorder Recorder => Harness.Recorder;

    protected async Task<ProcessingHarness> StartAsync(string config = "", ITransport? transport = null, ProcessingFilter? filter = null, TimeProvider? time = null)
    {
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        _harness = await ProcessingHarness.StartAsync(
            services => services.AddSingleton(Script).AddQueueHandler<ScriptedHandler>(WorkQueue).AddQueueHandler<ScriptedBatchHandler>(BatchQueue),
            config,
            _loggerFactory,
            transport,
            time,
            filter);
        return _harness;
    }

    /// <summary>The logical queue of <see cref="ScriptedHandler"/> (tests on a shared broker make it unique).</summary>
    protected virtual string WorkQueue => "work";

    /// <summary>The logical queue of <see cref="ScriptedBatchHandler"/>.</summary>
    protected virtual string BatchQueue => "batch";

    protected ValueTask<string> PublishAsync(string site, string text, string? queue = null) =>
        Harness.Publisher.PublishAsync(site, queue ?? WorkQueue, new TestEvent(text));

    /// <summary>A transport the test made, disposed after the harness has stopped.</summary>
    protected T Own<T>(T transport)
        where T : ITransport
    {
        _owned.Add(transport);
        return transport;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
        }

        foreach (var transport in _owned)
        {
            await transport.DisposeAsync();
        }

        _loggerFactory?.Dispose();
    }

    private static void Echo(ITestOutputHelper output, string line)
    {
        try
        {
            output.WriteLine(line);
        }
        catch (InvalidOperationException)
        {
            // The test is over; the line stays captured.
        }
    }
}
