using System.Diagnostics;
using System.Text.Json;
using QueueActors.Actors.Messaging;

namespace QueueActors.Benchmarks.Pipeline;

/// <summary>The ~200-byte JSON event of every scenario; <see cref="Sent"/> is a Stopwatch timestamp for latency.</summary>
internal sealed record BenchPayload(long Sent, int Index, string Text)
{
    private static readonly string Padding = new('x', 150);

    public static BenchPayload Create(int index) => new(Stopwatch.GetTimestamp(), index, Padding);

    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, EventJson.Options);

    public static BenchPayload Read(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<BenchPayload>(json, EventJson.Options)!;
}
