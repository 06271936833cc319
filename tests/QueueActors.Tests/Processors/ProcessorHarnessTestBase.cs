using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Transport;
using QueueActors.TestKit;
using QueueActors.TestKit.Processing;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors;

/// <summary>A processing harness per test (in-memory transport unless given one) with the test's processors and captured logs.</summary>
public abstract class ProcessorHarnessTestBase(ITestOutputHelper output) : IAsyncLifetime
{
    private ILoggerFactory? _loggerFactory;
    private ProcessingHarness? _harness;

    protected LogCapture Logs { get; } = new(line => Echo(output, line));

    protected ProcessingHarness Harness => _harness ?? throw new InvalidOperationException("Call StartAsync first.");

    protected ProcessingRecorder Recorder => Harness.Recorder;

    protected async Task<ProcessingHarness> StartAsync(Action<IServiceCollection> configure, string config = "", ITransport? transport = null)
    {
        _loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));
        _harness = await ProcessingHarness.StartAsync(configure, config, _loggerFactory, transport);
        return _harness;
    }

    /// <summary>Fails when any log line holds <paramref name="secret"/>.</summary>
    protected void AssertNotLogged(string secret) =>
        Assert.DoesNotContain(Logs.Entries, entry => entry.ToString().Contains(secret, StringComparison.Ordinal) || (entry.Exception?.ToString().Contains(secret, StringComparison.Ordinal) ?? false));

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        if (_harness is not null)
        {
            await _harness.DisposeAsync();
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
            // the test is over; a late log line has nowhere to go
        }
    }
}
