using System.Text;
using Akka.Actor;

namespace QueueActors.Actors.Cluster.Control.Handlers;

/// <summary>
/// <c>actor tree</c>: the node's Akka actors under <c>/user</c> and <c>/system</c>, indented, and as data (nested
/// name/path/actor/children, see <see cref="ActorTreeEntry"/>). The actors are found with
/// <see cref="ActorTreeWalker"/>, which waits a quiet interval after the last answer, up to a limit.
/// </summary>
public sealed class ActorTreeHandler(ActorSystem system) : IControlCommandHandler
{
    /// <summary>How long after the last answer the walk is taken as complete (local answers take microseconds).</summary>
    public static readonly TimeSpan QuietInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a walk may take at most; what was found by then is answered, marked incomplete.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(3);

    public IReadOnlyCollection<string> Commands { get; } = [ControlCommands.ActorTree];

    public async Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        var (actors, complete) = await WalkAsync(cancellationToken).ConfigureAwait(false);
        var tree = ActorTreeEntry.Build(system, actors);
        var text = new StringBuilder();
        Append(text, tree, 0);
        if (!complete)
        {
            text.AppendLine($"(incomplete: actors still answered after {Limit.TotalSeconds:0} s)");
        }

        return ControlReply.Ok(text.ToString().TrimEnd(), tree);
    }

    /// <summary>Every actor under <c>/user</c> and <c>/system</c>, the two included, the walker left out; and whether the walk ended quietly.</summary>
    private async Task<(IReadOnlyList<IActorRef> Actors, bool Complete)> WalkAsync(CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<(IReadOnlyList<IActorRef> Actors, bool Complete)>(TaskCreationOptions.RunContinuationsAsynchronously);
        var walker = system.ActorOf(ActorTreeWalker.Props(["/user", "/system"], QuietInterval, Limit, done));
        try
        {
            return await done.Task.WaitAsync(Limit * 2, cancellationToken).ConfigureAwait(false); // the walker ends itself at the limit
        }
        finally
        {
            system.Stop(walker);
        }
    }

    private static void Append(StringBuilder text, ActorTreeEntry node, int depth)
    {
        text.Append(' ', depth * 2)
            .Append(depth == 0 ? node.Path : node.Name)
            .AppendLine(node.Actor.Length > 0 ? $"  [{node.Actor}]" : string.Empty);
        foreach (var child in node.Children)
        {
            Append(text, child, depth + 1);
        }
    }
}
