using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Messaging;

namespace QueueActors.Host.Node.Control;

/// <summary>
/// Quiet mode on the control channel: <c>node quiet|resume</c> (the whole node: every queue stops fetching, the node stays
/// up) and <c>queue quiet|unquiet</c> (one queue, on every node that runs it or on the one targeted). Like a pause or
/// resume, a node that does not run the queue answers "not served", so only the nodes that do are counted.
/// </summary>
public sealed class QuietCommandsHandler(NodeRuntime runtime, QueueTopology topology) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } =
        [ControlCommands.NodeQuiet, ControlCommands.NodeResume, ControlCommands.QueueQuiet, ControlCommands.QueueUnquiet];

    public async Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var node = request.Node;
        var processing = runtime.Processing;
        switch (request.Command)
        {
            case ControlCommands.NodeQuiet or ControlCommands.NodeResume:
                var quiet = request.Command == ControlCommands.NodeQuiet;
                if (processing is null)
                {
                    return ControlReply.Ok($"node {node} runs no queues", new { Node = node, Quiet = false, Queues = 0 });
                }

                var queues = quiet
                    ? await processing.QuietNodeAsync(cancellationToken).ConfigureAwait(false)
                    : await processing.ResumeNodeAsync(cancellationToken).ConfigureAwait(false);
                return ControlReply.Ok(
                    quiet
                        ? $"node {node} is quiet: its {queues} queue(s) take no new events, those in flight finish"
                        : $"node {node} resumed: its {queues} queue(s) take events again (paused ones stay paused)",
                    new { Node = node, Quiet = quiet, Queues = queues });
            default:
                return await QueueAsync(request, node, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ControlReply> QueueAsync(ControlRequest request, string node, CancellationToken cancellationToken)
    {
        var queue = request.RequiredArgument(ControlArguments.Queue);
        var site = request.Argument(ControlArguments.Site);
        var name = ControlQueueNames.BrokerQueue(topology, queue, site);
        var quiet = request.Command == ControlCommands.QueueQuiet;
        var runs = runtime.Processing is { } processing
            && (quiet
                ? await processing.QuietQueueAsync(queue, site, cancellationToken).ConfigureAwait(false)
                : await processing.UnquietQueueAsync(queue, site, cancellationToken).ConfigureAwait(false));
        if (!runs)
        {
            throw new ControlNotServedException($"{name} does not run on node {node}");
        }

        var stillQuiet = !quiet && runtime.Processing!.IsQuiet;
        var state = quiet || stillQuiet ? "quiet" : "unquiet";
        var text = quiet ? $"{name} quiet" : stillQuiet ? $"{name} unquiet, but still quiet: node {node} is quiet (node resume)" : $"{name} unquiet";
        return ControlReply.Ok(text, new { Queue = name, Runs = true, State = state });
    }
}
