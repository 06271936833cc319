using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;

namespace QueueActors.TestWorker;

/// <summary>
/// <c>qa-testworker hold-lease FILE CONFIG-PATH LEASE-NAME</c>: an actor system on the HOCON of FILE acquires the
/// lease once, prints <c>acquired</c> or <c>not acquired</c>, and then holds it until the process is killed
/// (tests of tests/QueueActors.Tests/Cluster/Lease kill it with SIGKILL).
/// </summary>
public static class LeaseHolder
{
    public const string Verb = "hold-lease";

    public static async Task<int> RunAsync(IReadOnlyList<string> arguments)
    {
        if (arguments.Count != 3)
        {
            await Console.Error.WriteLineAsync($"usage: qa-testworker {Verb} FILE CONFIG-PATH LEASE-NAME");
            return 2;
        }

        var system = ActorSystem.Create("lease-holder", ConfigurationFactory.ParseString(await File.ReadAllTextAsync(arguments[0])));
        var lease = LeaseProvider.Get(system).GetLease(arguments[2], arguments[1], $"lease-holder-{Environment.ProcessId}");
        var acquired = await lease.Acquire();
        Console.WriteLine(acquired ? "acquired" : "not acquired");
        await system.WhenTerminated;
        return 0;
    }
}
