using System.Text;
using Akka.Actor;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>Replay: the original payload published again as a fresh event, then marked replayed.</summary>
public sealed partial class DeadLetterStore
{
    /// <summary>Broker queues this incarnation declared (a declaration is idempotent; this only saves round trips).</summary>
    private readonly HashSet<string> _declared = new(StringComparer.Ordinal);

    private async Task ReplayAsync(ReplayDeadLetters replay)
    {
        var replyTo = Sender;
        List<DeadLetterEntry> chosen;
        if (replay.Id is { } id)
        {
            if (!_entries.TryGetValue(id, out var entry))
            {
                replyTo.Tell(new DeadLetterNotFound(id));
                return;
            }

            chosen = [entry];
        }
        else
        {
            chosen = [.. _entries.Values.Where(e => e.ReplayedAt is null && (replay.Queue is null || e.Record.Queue == replay.Queue))];
        }

        var marks = new List<DeadLetterReplayMarked>();
        var failed = new List<DeadLetterReplayFailure>();
        foreach (var entry in chosen)
        {
            var record = entry.Record;
            string messageId;
            try
            {
                messageId = await PublishAgainAsync(record);
            }
            catch (Exception ex) when (ex is TransportException or ArgumentException or FormatException or ObjectDisposedException)
            {
                DeadLetterStoreLog.ReplayFailed(_logger, record.Id, record.Site, record.Queue, ex.Message);
                failed.Add(new DeadLetterReplayFailure(record.Id, ex.Message));
                continue;
            }

            marks.Add(new DeadLetterReplayMarked(record.Id, Now(), messageId));
        }

        var replayed = new DeadLettersReplayed([.. marks.Select(m => m.Id)], failed);
        if (marks.Count == 0)
        {
            replyTo.Tell(replayed);
            return;
        }

        // Published, then marked: a crash in between replays them once more rather than never.
        PersistAll(marks, Apply);
        DeferAsync(replayed, answer =>
        {
            replyTo.Tell(answer);
            SnapshotIfDue();
        });
    }

    /// <summary>A partitioned queue's event goes back to the partition it came from (its key is not kept, its partition is).</summary>
    private Transport.QueueSpec PartitionSpecOf(DeadLetterRecord record) =>
        _topology.PartitionSpecNamed(record.Queue, record.BrokerQueue)
        ?? throw new ArgumentException($"queue {record.Queue} is partitioned now and the dead letter came from {record.BrokerQueue}, not from one of its {_topology.PartitionsOf(record.Queue)} partitions");

    private async Task<string> PublishAgainAsync(DeadLetterRecord record)
    {
        // An event that named no site goes back as it came: on the queue's shared broker queue, without a site,
        // where the queue's default-site or site-field (set meanwhile, perhaps) names it, or it is dead-lettered again.
        var noSite = record.Site == DeadLetterRecord.NoSite;
        var spec = _topology.IsPartitioned(record.Queue) ? PartitionSpecOf(record)
            : !noSite ? _topology.SpecFor(record.Site, record.Queue)
            : _topology.HasSharedQueue(record.Queue) ? _topology.SharedSpec(record.Queue)
            : throw new ArgumentException($"it names no site and queue {record.Queue} has no shared broker queue (every site is broken out) to publish it to without one");
        if (!_declared.Contains(spec.BrokerQueue))
        {
            await _transport.DeclareAsync(spec, _stopping.Token);
            _declared.Add(spec.BrokerQueue);
        }

        var envelope = new Messaging.Envelope
        {
            Site = noSite ? string.Empty : record.Site,
            Queue = record.Queue,
            Attempts = 0,
            EnqueuedAt = Now(),
            ContentType = record.ContentType,
            Body = PayloadOf(record),
            Headers = record.Headers,
        };
        await _transport.PublishAsync(spec.BrokerQueue, envelope, _stopping.Token);
        DeadLetterStoreLog.Replayed(_logger, record.Id, record.Site, record.Queue, envelope.MessageId, spec.BrokerQueue);
        return envelope.MessageId;
    }

    /// <summary>The payload's bytes: the text as UTF-8, or the base64 decoded (what <see cref="DeadLetterRecord.Create"/> split).</summary>
    private static byte[] PayloadOf(DeadLetterRecord record) =>
        record.Payload is { } text ? Encoding.UTF8.GetBytes(text)
        : record.PayloadBase64 is { } base64 ? Convert.FromBase64String(base64)
        : [];
}
