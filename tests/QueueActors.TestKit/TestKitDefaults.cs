using QueueActors.Actors.Config;
using QueueActors.Actors.Runtime;

namespace QueueActors.TestKit;

/// <summary>What test systems run with: the shipped defaults of hocon/reference.conf.</summary>
public static class TestKitDefaults
{
    public static ActorSystemSettings ActorSystemSettings { get; } = ActorSettingsBinding.FromConfig(ConfigLoader.Reference);
}
