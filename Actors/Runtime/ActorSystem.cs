using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace QueueActors.Actors.Runtime;

/// <summary>
/// A named hierarchy of actors: the root guardian <c>/</c>, the user guardian <c>/user</c> under which
/// <see cref="ActorOf"/> starts actors, and <c>/system</c>. Terminating stops the tree bottom-up; a
/// failure escalated past the user guardian stops the whole system with a logged reason.
/// </summary>
public sealed class ActorSystem : IAsyncDisposable
{
    private readonly TaskCompletionSource terminated = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly ActorCell root;
    private readonly ActorCell userGuardian;
    private readonly DeadLetterLog deadLetterLog;
    private long tempCounter;

    private ActorSystem(string name, ActorSystemSettings settings, ILoggerFactory loggerFactory, TimeProvider timeProvider)
    {
        ActorName.Validate(name);
        Name = name;
        Settings = settings;
        Throughput = settings.Throughput > 0 ? settings.Throughput : throw new ArgumentOutOfRangeException(nameof(settings), "Throughput must be at least 1");
        LoggerFactory = loggerFactory;
        TimeProvider = timeProvider;
        KernelLogger = loggerFactory.CreateLogger("QueueActors.Actors.Runtime");
        DefaultStrategy = new OneForOneStrategy(settings.MaxNrOfRetries, settings.RestartWithin);
        EventStream = new EventStream();
        DeadLetters = new DeadLetterActorRef(this, ActorPath.Root(name).Child("deadLetters"));
        deadLetterLog = new DeadLetterLog(KernelLogger, timeProvider, settings.DeadLetterLogLimit, settings.DeadLetterLogInterval);
        root = new ActorCell(this, null, "", Props.Create<RootGuardianActor>());
        root.SendSystemMessage(Runtime.Create.Instance);
        userGuardian = root.AttachChild(new Props(static () => new GuardianActor()) { SupervisorStrategy = settings.GuardianStrategy }, "user");
        root.AttachChild(Props.Create<GuardianActor>(), "system");
    }

    public string Name { get; }

    public ActorSystemSettings Settings { get; }

    public TimeProvider TimeProvider { get; }

    public ILoggerFactory LoggerFactory { get; }

    public EventStream EventStream { get; }

    /// <summary>Where undeliverable messages go; they are published as <see cref="DeadLetter"/> and logged at a rate limit.</summary>
    public IActorRef DeadLetters { get; }

    /// <summary>Completes when every actor, the guardians included, has stopped.</summary>
    public Task WhenTerminated => terminated.Task;

    internal int Throughput { get; }

    internal ILogger KernelLogger { get; }

    internal SupervisorStrategy DefaultStrategy { get; }

    public static ActorSystem Create(string name, ActorSystemSettings settings, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        new(name, settings, loggerFactory ?? NullLoggerFactory.Instance, timeProvider ?? TimeProvider.System);

    /// <summary>Starts a top-level actor under <c>/user</c>; callable from any thread.</summary>
    public IActorRef ActorOf(Props props, string? name = null) => userGuardian.AttachChild(props, name);

    /// <summary>Stops any actor of this system after the message it is handling.</summary>
    public void Stop(IActorRef actor)
    {
        if (actor is ActorCell cell)
        {
            cell.RequestStop();
        }
        else if (actor is FunctionRef function)
        {
            function.Stop();
        }
    }

    /// <summary>A callback with a path: receives what is told to it, and Terminated for what it watches.</summary>
    public FunctionRef CreateFunctionRef(Action<object, IActorRef?> receive, string? name = null)
    {
        name ??= "$" + Interlocked.Increment(ref tempCounter).ToString(CultureInfo.InvariantCulture);
        return new FunctionRef(this, ActorPath.Root(Name).Child("temp").Child(name), receive);
    }

    /// <summary>
    /// A snapshot of the actors from <c>/</c> down (or from <c>/user</c> with <paramref name="userOnly"/>): names,
    /// paths, actor classes, children in name order. Read-only and callable from any thread.
    /// </summary>
    public ActorTreeNode GetActorTree(bool userOnly = false) => (userOnly ? userGuardian : root).Describe();

    /// <summary>Stops every actor, children before parents, and completes when all have stopped.</summary>
    public Task TerminateAsync()
    {
        root.RequestStop();
        return WhenTerminated;
    }

    public async ValueTask DisposeAsync() => await TerminateAsync().ConfigureAwait(false);

    internal void PublishDeadLetter(object message, IActorRef? sender, IActorRef recipient)
    {
        if (message is DeadLetter)
        {
            return;
        }

        var deadLetter = new DeadLetter(message, sender, recipient);
        EventStream.Publish(deadLetter);
        deadLetterLog.Record(deadLetter);
    }

    internal void OnEscalatedToRoot(Exception cause)
    {
        KernelLog.EscalatedToRoot(KernelLogger, cause, Name);
        root.RequestStop();
    }

    internal void OnRootStopped() => terminated.TrySetResult();

    public override string ToString() => $"qa://{Name}";
}
