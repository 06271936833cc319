using System.Collections.Concurrent;

namespace QueueActors.Actors.Processing.Supervision;

/// <summary>The counters of every broker queue run since processing (re)started; a queue restarted by a site update keeps its counts.</summary>
internal sealed class QueueCountersBook(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, QueueCounters> _byBrokerQueue = new(StringComparer.Ordinal);

    public QueueCounters For(string brokerQueue) => _byBrokerQueue.GetOrAdd(brokerQueue, static (_, time) => new QueueCounters(time.GetUtcNow().UtcTicks), time);
}
