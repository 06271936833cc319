using QueueActors.Actors.Config;

namespace QueueActors.Actors.Messaging;

/// <summary>How logical queues map onto broker queues: <c>queueactors.messaging</c>.</summary>
public sealed record MessagingSettings
{
    /// <summary>The HOCON section this record binds.</summary>
    public const string Section = "queueactors.messaging";

    /// <summary>Which (site, queue) pairs get a broker queue of their own.</summary>
    public required IReadOnlyList<BreakoutRule> Breakout { get; init; }

    /// <summary>Logical queues on durable quorum queues with persistent messages.</summary>
    public required IReadOnlySet<string> Persistent { get; init; }

    /// <summary>Persistent queues are classic durable queues instead of quorum queues.</summary>
    public bool ClassicDurableQueues { get; init; }

    /// <summary>The durable broker queue that receives dead-letter records.</summary>
    public required string DeadLetterQueue { get; init; }

    /// <summary>Partitioned logical queues and their partition counts (see <c>QueueTopology.Partitions</c>).</summary>
    public IReadOnlyDictionary<string, int> Partitions { get; init; } = new Dictionary<string, int>();

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static MessagingSettings FromConfig(HoconConfig config)
    {
        var section = config.GetConfig(Section);
        var breakout = section.GetStringList("breakout").Select(text =>
        {
            try
            {
                return BreakoutRule.Parse(text);
            }
            catch (FormatException error)
            {
                throw section.InvalidValue("breakout", $"rules like site/queue, */queue or site/* ({error.Message})");
            }
        }).ToArray();
        var persistent = section.GetStringList("persistent");
        if (persistent.FirstOrDefault(queue => !QueueNames.IsValidQueue(queue)) is { } bad)
        {
            throw section.InvalidValue("persistent", $"queue names (letters, digits, '-', '_'; '{bad}' is not one)");
        }

        var deadLetterQueue = SettingRules.NonBlankString(section, "dead-letter-queue");
        try
        {
            Transport.QueueSpec.ValidateName(deadLetterQueue, "dead-letter-queue");
        }
        catch (ArgumentException error)
        {
            throw section.InvalidValue("dead-letter-queue", $"a broker queue name ({error.Message})");
        }

        var durableType = section.GetString("durable-queue-type");
        if (durableType is not ("quorum" or "classic"))
        {
            throw section.InvalidValue("durable-queue-type", "quorum or classic");
        }

        return new MessagingSettings
        {
            ClassicDurableQueues = durableType == "classic",
            Breakout = breakout,
            Persistent = persistent.ToHashSet(StringComparer.Ordinal),
            DeadLetterQueue = deadLetterQueue,
            Partitions = QueueActors.Actors.Partitions.QueuePartitions.Bind(section),
        };
    }
}
