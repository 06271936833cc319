using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;

namespace QueueActors.Host.Web.Status;

/// <summary>
/// The page's buttons as control commands, sent by the node's own control client, so they act cluster-wide as
/// <c>ctl</c> does: <c>queue pause|resume</c> (every node that runs the queue), <c>dead show|replay|purge</c> (the seed).
/// </summary>
public sealed class StatusActions(NodeRuntime runtime)
{
    public Task<ActionOutcome> PauseAsync(string queue, string? site, bool pause, CancellationToken cancellationToken) =>
        SendAsync(pause ? ControlCommands.QueuePause : ControlCommands.QueueResume, Arguments((ControlArguments.Queue, queue), (ControlArguments.Site, site)), cancellationToken);

    public Task<ActionOutcome> ShowDeadAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(ControlCommands.DeadShow, Arguments((ControlArguments.Id, id)), cancellationToken);

    public Task<ActionOutcome> ReplayDeadAsync(string id, CancellationToken cancellationToken) =>
        SendAsync(ControlCommands.DeadReplay, Arguments((ControlArguments.Id, id)), cancellationToken);

    public Task<ActionOutcome> PurgeDeadAsync(string? olderThan, CancellationToken cancellationToken) =>
        SendAsync(ControlCommands.DeadPurge, Arguments((ControlArguments.OlderThan, olderThan)), cancellationToken);

    private async Task<ActionOutcome> SendAsync(string command, Dictionary<string, string> arguments, CancellationToken cancellationToken)
    {
        if (runtime.Client is not { } client)
        {
            return new ActionOutcome(false, "this node has no control channel now (starting, stopping, or no cluster secret)");
        }

        try
        {
            var result = await client.SendAsync(new ControlCall(command) { Arguments = arguments }, cancellationToken).ConfigureAwait(false);
            var served = result.Served;
            if (served.Count == 0)
            {
                var why = result.Responses.FirstOrDefault()?.Reply.Text;
                return new ActionOutcome(false, why ?? $"no node answered {command} within {client.RequestTimeout.TotalSeconds:0.#} s");
            }

            var text = served.Count == 1 ? served[0].Reply.Text : string.Join('\n', served.Select(r => $"{r.Node}: {r.Reply.Text}"));
            return new ActionOutcome(served.All(r => r.Reply.IsOk), text);
        }
        catch (Exception error) when (error is TransportException or ObjectDisposedException)
        {
            return new ActionOutcome(false, error.Message);
        }
    }

    private static Dictionary<string, string> Arguments(params (string Name, string? Value)[] values) =>
        values.Where(v => !string.IsNullOrWhiteSpace(v.Value)).ToDictionary(v => v.Name, v => v.Value!, StringComparer.Ordinal);
}
