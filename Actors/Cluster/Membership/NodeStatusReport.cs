using System.Text.Json;
using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Actors.Cluster.Membership;

/// <summary>
/// A node's answer to <see cref="GetNodeStatus"/>: its <see cref="NodeStatus"/> as JSON. A string crosses remoting with
/// Akka's default serializer whatever list types a status provider used (Newtonsoft cannot rebuild every one).
/// </summary>
/// <param name="Json">The status, serialized with <see cref="ControlWire.Json"/>.</param>
public sealed record NodeStatusReport(string Json)
{
    public static NodeStatusReport Of(NodeStatus status) => new(JsonSerializer.Serialize(status, ControlWire.Json));

    /// <exception cref="JsonException">Not a status.</exception>
    public NodeStatus Read() => JsonSerializer.Deserialize<NodeStatus>(Json, ControlWire.Json) ?? throw new JsonException("the status report is null");
}
