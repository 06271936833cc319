namespace QueueActors.Host.Web.Status;

/// <summary>The answer to a button of the page: whether it worked and the nodes' words (as <c>ctl</c> prints them).</summary>
public sealed record ActionOutcome(bool Ok, string Text);
