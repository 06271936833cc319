namespace QueueActors.Actors.Cluster.Control;

/// <summary>A verified command as a handler sees it.</summary>
/// <param name="Command">The command name (<see cref="ControlCommands"/>), <c>update:&lt;site&gt;</c> already turned into <c>site update</c>.</param>
/// <param name="Arguments">Its named arguments (<see cref="ControlArguments"/>).</param>
/// <param name="Sender">Who sent it: a client id (<c>ctl-…</c>) or a node name.</param>
/// <param name="CorrelationId">The request's id, for logs.</param>
/// <param name="Node">The name of the node handling it (this node).</param>
public sealed record ControlRequest(string Command, IReadOnlyDictionary<string, string> Arguments, string Sender, string CorrelationId, string Node)
{
    /// <summary>The argument, or null when it was not given.</summary>
    public string? Argument(string name) => Arguments.GetValueOrDefault(name);

    /// <summary>The argument; a missing or blank one is a usage error (<see cref="ControlArgumentException"/>, answered with exit code 1).</summary>
    public string RequiredArgument(string name) => Arguments.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value)
        ? value
        : throw new ControlArgumentException($"'{Command}' needs the argument '{name}'");

    /// <summary>A flag argument (<c>"true"</c>).</summary>
    public bool Flag(string name) => Arguments.TryGetValue(name, out var value) && bool.TryParse(value, out var on) && on;
}
