using System.Text.Json;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// A handler's answer: an exit code (<see cref="OkCode"/>, <see cref="UsageCode"/>, <see cref="FailedCode"/>; the
/// ctl passes the first non-zero one on as its own), a text for people and optional JSON data for scripts.
/// </summary>
public sealed record ControlReply(int ExitCode, string Text, JsonElement? Data = null)
{
    /// <summary>Done.</summary>
    public const int OkCode = 0;

    /// <summary>The arguments were wrong.</summary>
    public const int UsageCode = 1;

    /// <summary>The command failed on the node (or the node cannot serve it).</summary>
    public const int FailedCode = 4;

    public bool IsOk => ExitCode == OkCode;

    public static ControlReply Ok(string text, JsonElement? data = null) => new(OkCode, text, data);

    /// <summary>A successful reply whose data is <paramref name="data"/> serialized with <see cref="ControlWire.Json"/>.</summary>
    public static ControlReply Ok<T>(string text, T data) => new(OkCode, text, JsonSerializer.SerializeToElement(data, ControlWire.Json));

    public static ControlReply Usage(string text) => new(UsageCode, text);

    public static ControlReply Failed(string text) => new(FailedCode, text);
}
