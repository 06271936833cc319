namespace QueueActors.Host.Demo;

/// <summary>The payload of every demo event.</summary>
/// <param name="Number">Its place in the burst (0-based).</param>
/// <param name="Text">What it would be about in a real application.</param>
public sealed record DemoEvent(int Number, string Text);
