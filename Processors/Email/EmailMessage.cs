namespace QueueActors.Processors.Email;

/// <summary>
/// The event of the email queue: one email. <see cref="To"/> holds one address or several separated by commas
/// (<c>"Ada &lt;ada@example.org&gt;, bob@example.org"</c>); <see cref="Html"/>, when set, is sent beside the text as
/// the alternative part.
/// </summary>
public sealed record EmailMessage(string To, string Subject, string Text, string? Html = null);
