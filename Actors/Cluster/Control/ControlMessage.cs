using System.Text.Json;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The signed body of one control-channel message (JSON, camelCase). Which fields are set depends on
/// <see cref="Kind"/>: a request has a command, arguments, an optional target and a correlation id and reply-to;
/// a reply has the correlation id, reply-to, exit code, text and data. On the wire it travels inside <see cref="ControlWire"/>'s envelope with its signature.
/// </summary>
public sealed record ControlMessage
{
    public required ControlMessageKind Kind { get; init; }

    /// <summary>The node name, or the client id of a <c>queueactors ctl</c> (<c>ctl-…</c>), that sent it.</summary>
    public required string Sender { get; init; }

    /// <summary>A request's command name (see <see cref="ControlCommands"/>), or the command a reply answers.</summary>
    public string? Command { get; init; }

    /// <summary>A request's named arguments (see <see cref="ControlArguments"/>).</summary>
    public IReadOnlyDictionary<string, string>? Arguments { get; init; }

    /// <summary>Only this node acts on the request; null: every node (subject to <see cref="TargetRole"/>).</summary>
    public string? TargetNode { get; init; }

    /// <summary>Only nodes with this role (e.g. <c>seed</c>) act on the request; null: any role.</summary>
    public string? TargetRole { get; init; }

    /// <summary>Pairs replies with their request.</summary>
    public string? CorrelationId { get; init; }

    /// <summary>The requester's id, to which replies are addressed.</summary>
    public string? ReplyTo { get; init; }

    /// <summary>A reply's outcome (see <see cref="ControlReply"/>'s codes).</summary>
    public int? ExitCode { get; init; }

    /// <summary>A reply's text for people.</summary>
    public string? Text { get; init; }

    /// <summary>A reply's data for scripts.</summary>
    public JsonElement? Data { get; init; }

    /// <summary>False on a reply from a node that has no handler for the command (it answers so the client need not wait for it).</summary>
    public bool? Served { get; init; }

    /// <summary>On a reply: how many up members the replying node knows that the request addressed (0: unknown).</summary>
    public int? Expected { get; init; }
}
