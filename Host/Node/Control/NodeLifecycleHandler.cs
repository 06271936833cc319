using Microsoft.Extensions.Hosting;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;

namespace QueueActors.Host.Node.Control;

/// <summary>
/// <c>node shutdown</c> (StatusNet's <c>stop</c>): the node stops as on SIGTERM, draining its queues; and
/// <c>node restart</c>: the node reads its configuration file again and restarts its queue supervisors with it,
/// draining first. A configuration that no longer reads keeps the node running as it was.
/// </summary>
public sealed class NodeLifecycleHandler(NodeRuntime runtime, NodeOptions options, IHostApplicationLifetime lifetime) : IControlCommandHandler
{
    /// <summary>The reply must leave before the node closes its transport.</summary>
    private static readonly TimeSpan ReplyHeadStart = TimeSpan.FromMilliseconds(200);

    public IReadOnlyCollection<string> Commands { get; } = [ControlCommands.NodeShutdown, ControlCommands.NodeRestart];

    public async Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Command == ControlCommands.NodeShutdown)
        {
            _ = Task.Delay(ReplyHeadStart, CancellationToken.None).ContinueWith(_ => lifetime.StopApplication(), TaskScheduler.Default);
            return ControlReply.Ok($"node {options.Node.Name} is stopping (in-flight events finish within {options.Node.ShutdownTimeout})");
        }

        if (runtime.Processing is not { } processing)
        {
            return ControlReply.Ok($"node {options.Node.Name} has no queue supervisors to restart");
        }

        ProcessingSettings fresh;
        try
        {
            fresh = NodeOptions.DeadLettersInDataDirectory(ProcessingSettings.FromConfig(ConfigLoader.Load(options.ConfigFile)), options.Sqlite.DataDirectory);
        }
        catch (Exception error) when (error is HoconException or IOException)
        {
            return ControlReply.Failed($"node {options.Node.Name} keeps running as it was: {error.Message}");
        }

        var drained = await processing.RestartAsync(fresh, options.Node.ShutdownTimeout, cancellationToken).ConfigureAwait(false);
        return ControlReply.Ok(drained
            ? $"node {options.Node.Name} restarted its queue supervisors with {options.ConfigFile ?? "reference.conf"}"
            : $"node {options.Node.Name} restarted its queue supervisors; work past {options.Node.ShutdownTimeout} was left to the broker");
    }
}
