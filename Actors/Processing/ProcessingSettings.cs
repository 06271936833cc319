using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;

namespace QueueActors.Actors.Processing;

/// <summary>How a worker node processes queues: <c>queueactors.processing</c>, validated once at start.</summary>
public sealed partial record ProcessingSettings
{
    /// <summary>The HOCON section this record binds.</summary>
    public const string Section = "queueactors.processing";

    /// <summary>Sites served with breakout queues (besides those named in breakout rules).</summary>
    public required IReadOnlyList<string> Sites { get; init; }

    /// <summary>Logical queues processed here; empty: every queue with a handler.</summary>
    public required IReadOnlyList<string> Queues { get; init; }

    /// <summary>Retries after the first failure before dead letters.</summary>
    public required int MaxRetries { get; init; }

    /// <summary>The folder of dead-letter files.</summary>
    public required string DeadLetterDirectory { get; init; }

    /// <summary>The node's data directory (<c>queueactors.data-directory</c>), where its handling journal lives.</summary>
    public string DataDirectory { get; init; } = "./data";

    /// <summary>The delay before each retry.</summary>
    public required RetryBackoff RetryBackoff { get; init; }

    /// <summary>How queue supervisors restart handler actors.</summary>
    public required RestartWindow HandlerRestartWindow { get; init; }

    /// <summary>How site and shared supervisors restart queue supervisors.</summary>
    public required RestartWindow QueueRestartWindow { get; init; }

    /// <summary>When a failing queue pauses as a whole.</summary>
    public required CircuitBreakerSettings CircuitBreaker { get; init; }

    /// <summary>The per-queue stats files and error logs (<c>queueactors.stats</c>).</summary>
    public Stats.StatsSettings Stats { get; init; } = Processing.Stats.StatsSettings.Off;

    /// <summary>What queues run with unless overridden.</summary>
    public required QueueSettings QueueDefaults { get; init; }

    /// <summary>Per-queue settings, complete (defaults already applied).</summary>
    public required IReadOnlyDictionary<string, QueueSettings> QueueOverrides { get; init; }

    /// <summary>How often a node running a rate-limited queue recounts its consumers to recompute its share.</summary>
    public TimeSpan RateLimitRecount { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The settings of <paramref name="queue"/>.</summary>
    public QueueSettings ForQueue(string queue) => QueueOverrides.TryGetValue(queue, out var settings) ? settings : QueueDefaults;

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    public static ProcessingSettings FromConfig(HoconConfig config)
    {
        var section = config.GetConfig(Section);
        var defaultsSection = section.GetConfig("queue-defaults");
        var overridesSection = section.GetConfig("queue-overrides");
        var overrides = new Dictionary<string, QueueSettings>(StringComparer.Ordinal);
        foreach (var queue in overridesSection.Keys)
        {
            if (!QueueNames.IsValidQueue(queue))
            {
                throw overridesSection.InvalidValue(queue, "settings under a valid queue name (letters, digits, '-', '_')");
            }

            overrides[queue] = BindQueue(overridesSection.GetConfig(queue).WithFallback(defaultsSection));
        }

        return new ProcessingSettings
        {
            Sites = Names(section, "sites", QueueNames.IsValidSite, "site names (letters, digits, '-', '_', '.')"),
            Queues = Names(section, "queues", QueueNames.IsValidQueue, "queue names (letters, digits, '-', '_')"),
            MaxRetries = SettingRules.IntAtLeast(section, "max-retries", 0),
            DeadLetterDirectory = SettingRules.NonBlankString(section, "dead-letter-dir"),
            DataDirectory = SettingRules.NonBlankString(config, "queueactors.data-directory"),
            RetryBackoff = BindBackoff(section.GetConfig("retry-backoff")),
            HandlerRestartWindow = BindWindow(section.GetConfig("handler-restart-window")),
            QueueRestartWindow = BindWindow(section.GetConfig("queue-restart-window")),
            CircuitBreaker = BindCircuit(section.GetConfig("circuit-breaker")),
            QueueDefaults = BindQueue(defaultsSection),
            QueueOverrides = overrides,
            RateLimitRecount = SettingRules.PositiveDuration(section, "rate-limit-recount"),
            Stats = Processing.Stats.StatsSettings.FromConfig(config, SettingRules.NonBlankString(config, "queueactors.data-directory")),
        };
    }
}
