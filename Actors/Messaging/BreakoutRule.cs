namespace QueueActors.Actors.Messaging;

/// <summary>
/// One entry of <c>queueactors.messaging.breakout</c>, as StatusNet wrote them: <c>site/queue</c> (that
/// pair), <c>*/queue</c> (the queue, for every site) or <c>site/*</c> (every queue of the site).
/// A null part is the wildcard.
/// </summary>
public sealed record BreakoutRule(string? Site, string? Queue)
{
    /// <summary>Parses <c>site/queue</c>, <c>*/queue</c>, <c>site/*</c> or <c>*/*</c>.</summary>
    /// <exception cref="FormatException">Not of that form, or a part is not a valid name.</exception>
    public static BreakoutRule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length != 2)
        {
            throw new FormatException($"breakout rule '{text}' is not of the form site/queue, */queue or site/*");
        }

        var site = parts[0] == "*" ? null : parts[0];
        var queue = parts[1] == "*" ? null : parts[1];
        if ((site is not null && !QueueNames.IsValidSite(site)) || (queue is not null && !QueueNames.IsValidQueue(queue)))
        {
            throw new FormatException($"breakout rule '{text}' names an invalid site or queue (letters, digits, '-', '_'; sites may have '.')");
        }

        return new BreakoutRule(site, queue);
    }

    /// <summary>Whether the rule breaks out this pair.</summary>
    public bool Matches(string site, string queue) =>
        (Site is null || Site == site) && (Queue is null || Queue == queue);

    /// <inheritdoc />
    public override string ToString() => $"{Site ?? "*"}/{Queue ?? "*"}";
}
