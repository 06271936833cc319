using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Supervision;

namespace QueueActors.Actors.Partitions;

/// <summary>
/// What the partitions of one partitioned queue consumed on this node share; each asks it before it starts an event
/// (a new one, or the retry of the one it holds):
/// <list type="number">
/// <item>The node's share of the queue's <c>rate-limit</c>: one token bucket (<see cref="RateGate"/>) at
/// limit × (partitions here / partition count). Each partition is consumed on exactly one node, so the shares add up
/// to the limit without asking the broker, and an idle partition's share serves a busy one here. The share follows
/// the partitions that come and go (<see cref="Join"/>, <see cref="Leave"/>).</item>
/// <item>The queue's circuit breaker (<see cref="CircuitBreaker"/>): failures in a row over all its partitions here open
/// it; while it is open no partition starts an event; after the pause the first partition to ask runs the trial, and
/// the others wait until it has ended (<see cref="GateOpened"/>).</item>
/// </list>
/// The partitions' actors call it at once: every call runs under one lock, briefly (no I/O, no waiting).
/// </summary>
internal sealed class PartitionGate(string queue, RateLimit? limit, int partitions, CircuitBreakerSettings circuit, TimeProvider time, ILogger logger)
{
    /// <summary>For the circuit's log lines, where a queue supervisor names its site or "shared".</summary>
    private const string Scope = "partitioned";
    private readonly Lock _lock = new();
    private readonly CircuitBreaker _circuit = new(circuit);
    private readonly HashSet<IActorRef> _waitingForTrial = [];
    private RateGate? _rate;
    private int _here;
    private long _openedAt;

    /// <summary>The node's share of the limit now, in events per second; null without a limit or partitions here.</summary>
    public double? Share
    {
        get
        {
            lock (_lock)
            {
                return _rate?.EventsPerSecond;
            }
        }
    }

    /// <summary>Open or trying: the queue's handler failed on everything here.</summary>
    public bool CircuitOpen
    {
        get
        {
            lock (_lock)
            {
                return !_circuit.IsClosed;
            }
        }
    }

    /// <summary>A partition of the queue is consumed here from now on: the share grows.</summary>
    public void Join()
    {
        lock (_lock)
        {
            _here++;
            Reshare();
        }
    }

    /// <summary><paramref name="partition"/> is consumed here no more: the share shrinks. True when it was the last here.</summary>
    public bool Leave(IActorRef partition)
    {
        lock (_lock)
        {
            _here--;
            _waitingForTrial.Remove(partition);
            Reshare();
            return _here == 0;
        }
    }

    /// <summary>Whether <paramref name="partition"/> may start an event now; if so its token (and the trial) are taken.</summary>
    public GateAnswer TryStart(IActorRef partition)
    {
        lock (_lock)
        {
            var untilToken = _rate?.UntilNextToken ?? TimeSpan.Zero;
            if (untilToken > TimeSpan.Zero)
            {
                return GateAnswer.WaitFor(untilToken);
            }

            if (_circuit.IsWaiting)
            {
                var left = _circuit.Pause - time.GetElapsedTime(_openedAt);
                if (left > TimeSpan.Zero)
                {
                    return GateAnswer.WaitFor(left);
                }

                _circuit.BeginTrial();
            }

            if (!_circuit.TryTake(out var trial))
            {
                _waitingForTrial.Add(partition);
                return GateAnswer.WaitForTrial;
            }

            _rate?.Take(1);
            return GateAnswer.Go(trial);
        }
    }

    /// <summary>An event the gate let start has ended (<paramref name="succeeded"/>: its handler did not fail).</summary>
    public void Finished(bool succeeded, bool trial)
    {
        IActorRef[] waiting = [];
        lock (_lock)
        {
            switch (_circuit.Record(succeeded, trial))
            {
                case CircuitChange.Opened:
                    _openedAt = time.GetTimestamp();
                    ProcessingLog.CircuitOpened(logger, queue, Scope, _circuit.FailuresInRow, _circuit.Pause);
                    break;
                case CircuitChange.Reopened:
                    _openedAt = time.GetTimestamp();
                    break;
                case CircuitChange.Closed:
                    ProcessingLog.CircuitClosed(logger, queue, Scope);
                    break;
            }

            if (trial)
            {
                waiting = [.. _waitingForTrial];
                _waitingForTrial.Clear();
            }
        }

        foreach (var partition in waiting)
        {
            partition.Tell(GateOpened.Instance);
        }
    }

    private void Reshare()
    {
        if (limit is null)
        {
            return;
        }

        // The first partition here starts a full bucket, as a node does; later changes keep the tokens it holds.
        var share = limit.ShareOfPartitions(_here, partitions);
        _rate = _here == 0 ? null : _rate?.Reshared(share) ?? new RateGate(share, time);
        if (_rate is not null)
        {
            PartitionLog.Share(logger, queue, limit.ToString(), _here, partitions, _rate.EventsPerSecond);
        }
    }
}
