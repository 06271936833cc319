using System.Diagnostics;
using System.Text;
using Akka.Actor;
using Akka.Configuration;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Actors.Processing.DeadLetters.Store;
using QueueActors.Actors.Transport.InMemory;

namespace QueueActors.Benchmarks.Persistence;

/// <summary>
/// Dead letters stored per second, end to end: <c>count</c> <see cref="RecordDeadLetter"/> commands sent to one
/// <see cref="DeadLetterStore"/> at once (a flood of poison events), timed until the last reply (each persisted and filed).
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

    private static DeadLetterRecord NewRecord(int i)
    {
        var now = DateTimeOffset.UtcNow;
        var envelope = new QueueActors.Actors.Messaging.Envelope { Site = "example.com", Queue = "email", Attempts = 5, EnqueuedAt = now, ContentType = "application/json", Body = Encoding.UTF8.GetBytes($$"""{"to":"user{{i}}@example.com"}""") };
        return DeadLetterRecord.Create(envelope, "qa.email", DeadLetterReason.RetriesExhausted, 6, new InvalidOperationException("poison"), "bench-node", now);
    }
}
