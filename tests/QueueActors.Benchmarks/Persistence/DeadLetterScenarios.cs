using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Envelope = QueueActors.Actors.Messaging.Envelope;
using Akka.Configuration;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.DeadLetters.Store;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;

namespace QueueActors.Benchmarks.Persistence;

/// <summary>
/// Dead letters stored per second: <see cref="StoredPerSecondAsync"/> sends <c>count</c> <see cref="RecordDeadLetter"/>
/// commands to one <see cref="DeadLetterStore"/> at once (a flood of poison events), timed until the last reply (each
/// persisted and filed); <see cref="DrainedPerSecondAsync"/> goes the whole way a node's dead letters go.
/// </summary>
internal static class DeadLetterScenarios
{
    /// <param name="filesWritten">The records' files are there already (a worker of the store's node wrote them), so the store only checks them.</param>
    public static async Task<double> StoredPerSecondAsync(Config config, int count, bool filesWritten = false)
    {
        var folder = Path.Combine(Path.GetTempPath(), "qa-bench-dead-" + Guid.NewGuid().ToString("N")[..8]);
        var system = ActorSystem.Create("bench-dead-letters", config);
        await using var transport = new InMemoryTransport();
        try
        {
            var topology = new QueueTopology(MessagingSettings.FromConfig(ConfigLoader.Reference));
            var files = new DeadLetterFiles(folder);
            var store = system.ActorOf(DeadLetterStore.Props(files, transport, topology));
            await store.Ask<DeadLetterList>(new ListDeadLetters(Limit: 1), TimeSpan.FromSeconds(60)); // recovered and reconciled
            var records = Enumerable.Range(0, count).Select(NewRecord).ToArray();
            if (filesWritten)
            {
                foreach (var record in records)
                {
                    files.WriteUnsynced(record);
                }
            }

            var clock = Stopwatch.StartNew();
            var replies = records.Select(r => store.Ask<DeadLetterRecorded>(new RecordDeadLetter(r), TimeSpan.FromMinutes(5))).ToArray();
            await Task.WhenAll(replies);
            return count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await system.Terminate();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// End to end as on a node: <c>count</c> records wait on the dead-letter queue of <paramref name="transport"/>, as
    /// workers put them there (each with its file written); then a <see cref="DeadLetterQueueConsumer"/> starts, and the
    /// time runs until the store holds them all (each persisted and filed; its ack follows the store's reply).
    /// </summary>
    public static async Task<double> DrainedPerSecondAsync(Config config, ITransport transport, int count)
    {
        var folder = Path.Combine(Path.GetTempPath(), "qa-bench-dead-" + Guid.NewGuid().ToString("N")[..8]);
        var system = ActorSystem.Create("bench-dead-letters", config);
        try
        {
            var topology = new QueueTopology(MessagingSettings.FromConfig(ConfigLoader.Reference));
            var queue = topology.DeadLetterSpec.BrokerQueue;
            await transport.DeclareAsync(topology.DeadLetterSpec);
            await transport.PurgeAsync(queue);
            var files = new DeadLetterFiles(folder);
            var store = system.ActorOf(DeadLetterStore.Props(files, transport, topology));
            // Recovered (the journal may hold earlier runs' letters) and reconciled, else it would take the files below from the folder.
            var before = (await store.Ask<DeadLetterList>(new ListDeadLetters(Limit: 1), TimeSpan.FromMinutes(5))).Total;
            foreach (var record in Enumerable.Range(0, count).Select(NewRecord))
            {
                files.WriteUnsynced(record);
                await transport.PublishAsync(queue, record.ToQueueEnvelope(record.Site));
            }

            var clock = Stopwatch.StartNew();
            system.ActorOf(DeadLetterQueueConsumer.Props(transport, topology, store));
            while ((await store.Ask<DeadLetterList>(new ListDeadLetters(Limit: 1), TimeSpan.FromMinutes(5))).Total < before + count)
            {
                await Task.Delay(5);
            }

            return count / clock.Elapsed.TotalSeconds;
        }
        finally
        {
            await system.Terminate();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static DeadLetterRecord NewRecord(int i)
    {
        var now = DateTimeOffset.UtcNow;
        var envelope = new Envelope { Site = "example.com", Queue = "email", Attempts = 5, EnqueuedAt = now, ContentType = "application/json", Body = Encoding.UTF8.GetBytes($$"""{"to":"user{{i}}@example.com"}""") };
        return DeadLetterRecord.Create(envelope, "qa.email", DeadLetterReason.RetriesExhausted, 6, new InvalidOperationException("poison"), "bench-node", now);
    }
}
