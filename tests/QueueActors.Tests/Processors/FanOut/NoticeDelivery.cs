namespace QueueActors.Tests.Processors.FanOut;

/// <summary>The fan-out test's stage-2 event: one target's copy of a notice.</summary>
public sealed record NoticeDelivery(string Target, string Text);
