using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Partitions;

/// <summary><c>queueactors.messaging.partitions</c>: logical queue → its number of partitions.</summary>
public static class QueuePartitions
{
    /// <summary>The most partitions a queue may have (each is a broker queue and a sharded entity).</summary>
    public const int Max = 1024;

    /// <summary>Reads the map from the <c>messaging</c> section; a queue with 1 partition is a plain queue.</summary>
    public static IReadOnlyDictionary<string, int> Bind(HoconConfig messaging)
    {
        ArgumentNullException.ThrowIfNull(messaging);
        var map = new Dictionary<string, int>(StringComparer.Ordinal);
        if (!messaging.HasPath("partitions"))
        {
            return map;
        }

        var section = messaging.GetConfig("partitions");
        foreach (var queue in section.Keys)
        {
            if (!QueueNames.IsValidQueue(queue))
            {
                throw section.InvalidValue(queue, "a partition count under a valid queue name (letters, digits, '-', '_')");
            }

            var count = section.GetInt(queue);
            if (count is < 1 or > Max)
            {
                throw section.InvalidValue(queue, $"a partition count from 1 to {Max}");
            }

            if (count > 1)
            {
                map[queue] = count;
            }
        }

        return map;
    }
}
