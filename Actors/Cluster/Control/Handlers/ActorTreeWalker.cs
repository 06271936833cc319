using Akka.Actor;

namespace QueueActors.Actors.Cluster.Control.Handlers;

/// <summary>
/// Finds a node's actors from outside them: Akka gives no public way to list an actor's children, so the walker
/// identifies each root (<c>/user</c>, <c>/system</c>), then every actor's children through the wildcard selection
/// <c>&lt;actor&gt;/*</c> and <see cref="Identify"/>, each answer asking one level further down. A wildcard that
/// matches nothing answers nothing, so the walk is over once no answer came for a quiet interval, or at the limit
/// (then what was found is returned, marked incomplete).
/// </summary>
internal sealed class ActorTreeWalker : ReceiveActor, IWithTimers
{
    private readonly List<IActorRef> found = [];
    private readonly TaskCompletionSource<(IReadOnlyList<IActorRef> Actors, bool Complete)> done;
    private readonly IReadOnlyList<string> roots;
    private readonly TimeSpan quiet;
    private readonly TimeSpan limit;

    public ActorTreeWalker(IReadOnlyList<string> roots, TimeSpan quiet, TimeSpan limit, TaskCompletionSource<(IReadOnlyList<IActorRef> Actors, bool Complete)> done)
    {
        this.roots = roots;
        this.quiet = quiet;
        this.limit = limit;
        this.done = done;
        Receive<ActorIdentity>(OnIdentity);
        Receive<Finish>(finish =>
        {
            done.TrySetResult(([.. found], finish.Complete));
            Context.Stop(Self);
        });
    }

    public ITimerScheduler Timers { get; set; } = null!;

    /// <summary>The props of a walk under <paramref name="roots"/> (paths such as <c>/user</c>) that completes <paramref name="done"/>.</summary>
    public static Props Props(IReadOnlyList<string> roots, TimeSpan quiet, TimeSpan limit, TaskCompletionSource<(IReadOnlyList<IActorRef> Actors, bool Complete)> done) =>
        Akka.Actor.Props.Create(() => new ActorTreeWalker(roots, quiet, limit, done));

    protected override void PreStart()
    {
        foreach (var root in roots)
        {
            Context.ActorSelection(root).Tell(new Identify(null));
        }

        Timers.StartSingleTimer(Finish.Quiet, Finish.Quiet, quiet);
        Timers.StartSingleTimer(Finish.AtLimit, Finish.AtLimit, limit);
    }

    private void OnIdentity(ActorIdentity identity)
    {
        if (identity.Subject is not { } actor || actor.Equals(Self))
        {
            return;
        }

        found.Add(actor);
        new ActorSelection(actor, "*").Tell(new Identify(null));
        Timers.StartSingleTimer(Finish.Quiet, Finish.Quiet, quiet); // an answer came: wait a quiet interval again
    }

    private sealed record Finish(bool Complete)
    {
        public static Finish Quiet { get; } = new(true);

        public static Finish AtLimit { get; } = new(false);
    }
}
