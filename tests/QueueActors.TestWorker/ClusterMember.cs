using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;

namespace QueueActors.TestWorker;

/// <summary>
/// <c>qa-testworker cluster-member FILE [SEED-ADDRESS]</c>: an Akka.Cluster node named <c>queueactors</c> on the HOCON
/// of FILE that joins SEED-ADDRESS (or itself); it prints <c>address &lt;its address&gt;</c>, then <c>up</c> once it
/// is Up, and runs until it is downed (exit 3) or killed (the lease tests kill it with SIGKILL).
/// </summary>
public static class ClusterMember
{
    public const string Verb = "cluster-member";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count is not (1 or 2))
        {
            await Console.Error.WriteLineAsync($"usage: qa-testworker {Verb} FILE [SEED-ADDRESS]");
            return 2;
        }

        var system = ActorSystem.Create("queueactors", ConfigurationFactory.ParseString(await File.ReadAllTextAsync(arguments[0])));
        var cluster = Cluster.Get(system);
        Console.WriteLine($"address {cluster.SelfAddress}");
        cluster.RegisterOnMemberUp(() => Console.WriteLine("up"));
        await cluster.JoinAsync(arguments.Count == 2 ? Address.Parse(arguments[1]) : cluster.SelfAddress);
        await system.WhenTerminated;
        return 3;
    }
}
