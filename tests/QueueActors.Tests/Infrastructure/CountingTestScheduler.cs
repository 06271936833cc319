using Akka.Actor;
using Akka.Event;
using Akka.TestKit;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// Akka's <see cref="TestScheduler"/> (time moves only on <see cref="TestScheduler.Advance"/>) that also counts the
/// timers armed for actors under <c>/user</c>, so a test can wait until an actor has armed its timer (it does so in
/// its own turn) before it advances the clock. Select it with <see cref="Hocon"/>.
/// </summary>
public sealed class CountingTestScheduler(Akka.Configuration.Config schedulerConfig, ILoggingAdapter log) : TestScheduler(schedulerConfig, log), ITellScheduler
{
    /// <summary>The HOCON that makes an actor system use this scheduler.</summary>
    public const string Hocon = "akka.scheduler.implementation = \"QueueActors.Tests.Infrastructure.CountingTestScheduler, QueueActors.Tests\"";

    private int timersStarted;

    /// <summary>Timers started so far for actors under <c>/user</c> (a periodic one counts once).</summary>
    public int TimersStarted => Volatile.Read(ref timersStarted);

    /// <summary>The scheduler of <paramref name="system"/>, which must have been created with <see cref="Hocon"/>.</summary>
    public static CountingTestScheduler Of(ActorSystem system) => (CountingTestScheduler)system.Scheduler;

    // TestScheduler's methods cannot be overridden: this class implements the interface again, and Akka's timers
    // (IWithTimers) reach the scheduler through it.
    void ITellScheduler.ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender)
    {
        ScheduleTellOnce(delay, receiver, message, sender);
        Count(receiver); // after: a test that sees the count may advance the clock past the timer at once
    }

    void ITellScheduler.ScheduleTellOnce(TimeSpan delay, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable)
    {
        ScheduleTellOnce(delay, receiver, message, sender, cancelable);
        Count(receiver); // after: a test that sees the count may advance the clock past the timer at once
    }

    void ITellScheduler.ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender)
    {
        ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender);
        Count(receiver); // after: a test that sees the count may advance the clock past the timer at once
    }

    void ITellScheduler.ScheduleTellRepeatedly(TimeSpan initialDelay, TimeSpan interval, ICanTell receiver, object message, IActorRef sender, ICancelable cancelable)
    {
        ScheduleTellRepeatedly(initialDelay, interval, receiver, message, sender, cancelable);
        Count(receiver); // after: a test that sees the count may advance the clock past the timer at once
    }

    private void Count(ICanTell receiver)
    {
        if (receiver is IActorRef { Path: var path } && path.Elements.FirstOrDefault() == "user")
        {
            Interlocked.Increment(ref timersStarted);
        }
    }
}
