namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// Serves control commands on a node. Register implementations with
/// <see cref="ClusterServiceCollectionExtensions.AddControlCommandHandler{THandler}"/>; <see cref="ControlActor"/>
/// asks the one that lists the command's name. A node without a handler for a command answers "not served".
/// A node runs its requests one at a time in arrival order, off the control actor's turn (on the thread pool).
/// </summary>
public interface IControlCommandHandler
{
    /// <summary>The command names served (<see cref="ControlCommands"/>, or the application's own).</summary>
    IReadOnlyCollection<string> Commands { get; }

    /// <summary>
    /// Does the command and says how it went. Throw <see cref="ControlArgumentException"/> for bad arguments;
    /// <see cref="ControlNotServedException"/> answers "not served"; any other exception is answered as failed
    /// (exit code 4) with its message.
    /// </summary>
    Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken);
}
