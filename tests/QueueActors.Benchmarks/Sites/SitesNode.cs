using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing;
using QueueActors.Benchmarks.Pipeline;
using QueueActors.Host.Cli;

namespace QueueActors.Benchmarks.Sites;

/// <summary>
/// The node process of <see cref="SitesScaleBenchmark"/>: this benchmark's own executable started again as
/// <c>--sites-node run --config …</c>, a <c>queueactors</c> node with one no-op handler on the queue <c>bench</c>.
/// </summary>
internal static class SitesNode
{
    public const string Verb = "--sites-node";

    public static Task<int> RunAsync(string[] args) => QueueActorsCli.InvokeAsync(args, "qa-sites-node", defaultRoles: null, services =>
    {
        services.AddSingleton<BenchState>();
        services.AddQueueHandler<BenchHandler>("bench");
    });
}
