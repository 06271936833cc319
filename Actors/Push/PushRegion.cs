using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using Akka.Configuration;

namespace QueueActors.Actors.Push;

/// <summary>Starts where the channels' owners live: a shard region on a cluster member, a local parent elsewhere.</summary>
public static class PushRegion
{
    /// <summary>The sharded entity type's name (the same on every node).</summary>
    public const string TypeName = "push-channel";

    /// <summary>
    /// Starts the owners' region: on a cluster member an Akka.Cluster.Sharding region (every node with push on must
    /// start it: the coordinator, a singleton, runs on the oldest of them); else <see cref="PushChannelOwners"/>.
    /// Sharding's own idle passivation is off: an owner passivates itself once it holds nothing and has no clients.
    /// </summary>
    public static IActorRef Start(ActorSystem system, PushSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(system);
        if (((ExtendedActorSystem)system).Provider is not ClusterActorRefProvider)
        {
            return system.ActorOf(PushChannelOwners.Props(settings, time), "push-channels");
        }

        var sharding = ClusterSharding.Get(system); // adds sharding's defaults to the system's configuration
        var config = ConfigurationFactory.ParseString("passivate-idle-entity-after = off")
            .WithFallback(system.Settings.Config.GetConfig("akka.cluster.sharding"));
        var shardingSettings = ClusterShardingSettings.Create(config, system.Settings.Config.GetConfig(config.GetString("coordinator-singleton")));
        return sharding.Start(
            TypeName,
            PushChannelOwner.Props(settings, sharded: true, time),
            shardingSettings,
            HashCodeMessageExtractor.Create(
                100, // shards: ten times a large cluster's nodes, so channels spread evenly
                message => message is IPushChannelMessage m ? m.Channel : null!, // null: not ours (Akka's convention)
                message => message));
    }
}
