using System.Text;
using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Cluster.Control.Handlers;

/// <summary><c>actor tree</c>: the node's actors from <c>/</c> down, indented, and as data (nested name/path/actor/children).</summary>
public sealed class ActorTreeHandler(ActorSystem system) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } = [ControlCommands.ActorTree];

    public Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        var tree = system.GetActorTree();
        var text = new StringBuilder();
        Append(text, tree, 0);
        return Task.FromResult(ControlReply.Ok(text.ToString().TrimEnd(), tree));
    }

    private static void Append(StringBuilder text, ActorTreeNode node, int depth)
    {
        text.Append(' ', depth * 2)
            .Append(depth == 0 ? node.Path : node.Name)
            .Append(node.Actor.Length > 0 ? $"  [{node.Actor}]" : string.Empty)
            .AppendLine(node.Stopping ? "  (stopping)" : string.Empty);
        foreach (var child in node.Children)
        {
            Append(text, child, depth + 1);
        }
    }
}
