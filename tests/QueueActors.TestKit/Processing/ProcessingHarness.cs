using Akka.Actor;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Push;
using QueueActors.Actors.Scheduling;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Actors.Uniqueness;

namespace QueueActors.TestKit.Processing;

/// <summary>
/// The whole pipeline in one test: publisher → transport → supervisors → handler actors, on the in-memory
/// transport unless the test brings one (e.g. RabbitMQ). Handlers come from DI as in production; a
/// <see cref="ProcessingRecorder"/> sees every outcome; dead-letter files go to a temporary folder that is
/// deleted on dispose. Retries and circuit pauses are quick by default (<see cref="BaseConfig"/>), and
/// the test's configuration text is layered over that. The actors run on an Akka.NET actor system: the test's
/// own (e.g. Akka.TestKit's <c>Sys</c>, for probes beside the pipeline), or one the harness makes and terminates.
/// </summary>
public sealed class ProcessingHarness : IAsyncDisposable
{
    /// <summary>Milliseconds instead of seconds, so retry tests run fast; a test's config overrides it.</summary>
    public const string BaseConfig = """
        queueactors.processing.retry-backoff { min = 5ms, max = 50ms }
        queueactors.processing.circuit-breaker { min-backoff = 50ms, max-backoff = 200ms }
        """;

    /// <summary>Akka's own log (a handler's failure, as its supervisor restarts it) at warnings and above.</summary>
    private const string AkkaConfig = "akka.loglevel = WARNING\nakka.stdout-loglevel = WARNING";

    private readonly ServiceProvider _provider;
    private readonly bool _ownsTransport;
    private readonly bool _ownsSystem;

    private ProcessingHarness(ServiceProvider provider, ActorSystem system, bool ownsSystem, ITransport transport, bool ownsTransport, string deadLetterDirectory)
    {
        _provider = provider;
        System = system;
        _ownsSystem = ownsSystem;
        Transport = transport;
        _ownsTransport = ownsTransport;
        DeadLetterDirectory = deadLetterDirectory;
    }

    public IServiceProvider Services => _provider;

    public ActorSystem System { get; }

    public ITransport Transport { get; }

    public IEventPublisher Publisher => _provider.GetRequiredService<IEventPublisher>();

    public ProcessingService Processing => _provider.GetRequiredService<ProcessingService>();

    public QueueTopology Topology => _provider.GetRequiredService<QueueTopology>();

    public ProcessingRecorder Recorder => _provider.GetRequiredService<ProcessingRecorder>();

    /// <summary>The delayed and scheduled events held in memory: <see cref="InMemoryScheduledEvents.DeliverDue"/> delivers them without waiting.</summary>
    public InMemoryScheduledEvents Scheduled => _provider.GetRequiredService<InMemoryScheduledEvents>();

    /// <summary>What handlers pushed to connected clients (<see cref="IClientPush"/>), kept in memory for the test to assert on.</summary>
    public InMemoryClientPush Pushes => _provider.GetRequiredService<InMemoryClientPush>();

    /// <summary>The dead-letter folder of this harness (a fresh temporary one).</summary>
    public string DeadLetterDirectory { get; }

    /// <param name="configure">Registers handlers and what they need (e.g. <c>services.AddQueueHandler&lt;H&gt;()</c>).</param>
    /// <param name="config">HOCON over <see cref="BaseConfig"/> and reference.conf.</param>
    /// <param name="transport">A transport the test owns; an in-memory one (owned by the harness) when null.</param>
    /// <param name="system">An actor system the test owns; a new one (terminated on dispose) when null.</param>
    public static async Task<ProcessingHarness> StartAsync(Action<IServiceCollection> configure, string config = "", ILoggerFactory? loggerFactory = null, ITransport? transport = null, TimeProvider? timeProvider = null, ProcessingFilter? filter = null, ActorSystem? system = null)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var deadLetters = Path.Combine(Path.GetTempPath(), "qa-dead-" + Guid.NewGuid().ToString("N")[..12]);
        var data = deadLetters + "-data"; // the node's handling journal; a test's config may name its own
        var hocon = ConfigLoader.LoadText($"queueactors.processing.dead-letter-dir = \"{deadLetters}\"\nqueueactors.data-directory = \"{data}\"\n{BaseConfig}\n{config}");
        var time = timeProvider ?? TimeProvider.System;
        var owned = transport is null;
        transport ??= new InMemoryTransport(time);
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddSingleton(transport);
        services.AddSingleton<ProcessingRecorder>();
        // Delayed events and unique keys on the harness clock: a test with a ManualTimeProvider delivers them by advancing it.
        services.AddSingleton(sp => new InMemoryScheduledEvents(sp.GetRequiredService<ITransport>(), time));
        services.AddSingleton<IScheduledEvents>(sp => sp.GetRequiredService<InMemoryScheduledEvents>());
        services.AddSingleton<IUniqueKeys>(_ => new InMemoryUniqueKeys(time));
        services.AddSingleton<IProcessingObserver>(sp => sp.GetRequiredService<ProcessingRecorder>());
        services.AddSingleton<InMemoryClientPush>();
        services.AddSingleton<IClientPush>(sp => sp.GetRequiredService<InMemoryClientPush>());
        if (loggerFactory is not null)
        {
            services.AddSingleton(loggerFactory);
        }

        services.AddQueueActors(hocon);
        configure(services);
        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true });
        var ownsSystem = system is null;
        system ??= ActorSystem.Create("harness", AkkaConfig);
        var harness = new ProcessingHarness(provider, system, ownsSystem, transport, owned, deadLetters);
        try
        {
            await harness.Processing.StartAsync(system, filter).ConfigureAwait(false);
        }
        catch
        {
            await harness.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return harness;
    }

    /// <summary>Dead-letter files written so far.</summary>
    public IReadOnlyList<string> DeadLetterFiles() =>
        Directory.Exists(DeadLetterDirectory) ? Directory.GetFiles(DeadLetterDirectory) : [];

    public async ValueTask DisposeAsync()
    {
        var failures = new List<Exception>();
        await CollectAsync(async () => await Processing.StopAsync(TestKitSettings.Dilated(TimeSpan.FromSeconds(5))).ConfigureAwait(false), failures).ConfigureAwait(false);
        if (_ownsSystem)
        {
            await CollectAsync(() => System.Terminate(), failures).ConfigureAwait(false);
        }

        if (_ownsTransport)
        {
            await CollectAsync(async () => await Transport.DisposeAsync().ConfigureAwait(false), failures).ConfigureAwait(false);
        }

        await CollectAsync(async () => await _provider.DisposeAsync().ConfigureAwait(false), failures).ConfigureAwait(false);
        foreach (var directory in new[] { DeadLetterDirectory, DeadLetterDirectory + "-data" })
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Stopping the processing harness failed in part.", failures);
        }
    }

    private static async Task CollectAsync(Func<Task> step, List<Exception> failures)
    {
        try
        {
            await step().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            failures.Add(ex);
        }
    }
}
