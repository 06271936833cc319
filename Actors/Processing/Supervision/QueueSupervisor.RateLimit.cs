using Akka.Actor;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>
/// The queue's rate limit (<c>rate-limit</c>), cluster-wide: this node hands deliveries to its handlers only as fast as
/// its share allows, the limit divided by the consumers the broker reports on the queue (this node included), recounted
/// every <c>rate-limit-recount</c>, through a token bucket (<see cref="RateGate"/>). Deliveries beyond the share stay in <c>_pending</c> unacknowledged, and beyond the
/// prefetch the broker keeps them: the excess waits, nothing is dropped or acked early. A node that joins or dies
/// shifts the shares at the next recount (a dead node's consumer goes with its connection), so for up to one
/// recount the cluster may run one share above or below the limit.
/// </summary>
internal sealed partial class QueueSupervisor
{
    private RateGate? _rate;
    private int _rateConsumers;

    private void ReceiveRateLimit()
    {
        Receive<RecountRateShare>(_ => RecountShare());
        Receive<RateShareCounted>(OnShareCounted);
        Receive<RateWake>(_ => Dispatch());
    }

    /// <summary>Once subscribed (so that the broker counts this node too): the first count, then one every <c>rate-limit-recount</c>.</summary>
    private void StartRateLimit()
    {
        if (_queue.Settings.RateLimit is not null)
        {
            RecountShare();
            Timers.StartPeriodicTimer(nameof(RecountRateShare), RecountRateShare.Instance, Shared.Settings.RateLimitRecount);
        }
    }

    /// <summary>Whether the limit lets at least one more event go now; when not, a wake-up comes once tokens are added.</summary>
    private bool HasRatePermit()
    {
        if (_queue.Settings.RateLimit is null)
        {
            return true;
        }

        if (_rate is null)
        {
            return false; // no share known yet: the first count comes right after subscribing
        }

        var wait = _rate.UntilNextToken;
        if (wait == TimeSpan.Zero)
        {
            return true;
        }

        if (!Timers.IsTimerActive(nameof(RateWake)))
        {
            Timers.StartSingleTimer(nameof(RateWake), RateWake.Instance, wait);
        }

        return false;
    }

    /// <summary>How many of <paramref name="wanted"/> events may go now (all without a limit), their tokens taken.</summary>
    private int TakeRate(int wanted) => _queue.Settings.RateLimit is null ? wanted : _rate?.Take(wanted) ?? 0;

    private void RecountShare()
    {
        var self = Self;
        Shared.Transport.GetStatusAsync(_queue.Spec.BrokerQueue).PipeTo(
            self,
            success: status => new RateShareCounted(status.Consumers),
            failure: _ => new RateShareCounted(0));
    }

    private void OnShareCounted(RateShareCounted counted)
    {
        // Not counted (the broker did not answer): keep the share; none yet: take the whole limit rather than stall.
        var consumers = counted.Consumers > 0 ? counted.Consumers : Math.Max(1, _rateConsumers);
        if (_rate is null || consumers != _rateConsumers)
        {
            _rateConsumers = consumers;
            _rate = new RateGate(_queue.Settings.RateLimit!.ShareFor(consumers), Shared.Time);
            RateLimitLog.Share(Shared.Logger, _queue.Queue, _queue.Scope, _queue.Settings.RateLimit.ToString(), consumers, _rate.EventsPerSecond);
        }

        Dispatch();
    }

    private sealed record RecountRateShare
    {
        public static readonly RecountRateShare Instance = new();
    }

    private sealed record RateShareCounted(int Consumers);

    private sealed record RateWake
    {
        public static readonly RateWake Instance = new();
    }
}
