using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Config;

/// <summary>
/// Binds <c>queueactors.actor</c> into the kernel's <see cref="ActorSystemSettings"/> (the kernel reads no
/// HOCON itself). Defaults come from reference.conf only; this class holds rules, not values.
/// </summary>
public static class ActorSettingsBinding
{
    public const string Section = "queueactors.actor";

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s), holding <c>queueactors.actor</c>.</param>
    public static ActorSystemSettings FromConfig(HoconConfig config)
    {
        var actor = config.GetConfig(Section);
        return new ActorSystemSettings
        {
            Throughput = SettingRules.IntAtLeast(actor, "throughput", 1),
            AskTimeout = SettingRules.PositiveDuration(actor, "ask-timeout"),
            MaxNrOfRetries = SettingRules.IntAtLeast(actor, "supervisor.max-nr-of-retries", -1),
            RestartWithin = SettingRules.PositiveDuration(actor, "supervisor.within"),
            DeadLetterLogLimit = SettingRules.IntAtLeast(actor, "dead-letters.log-limit", 0),
            DeadLetterLogInterval = SettingRules.PositiveDuration(actor, "dead-letters.log-interval"),
        };
    }
}
