using System.Globalization;

namespace QueueActors.Host.Cli.Check;

/// <summary>What a check found: the worst state of its items, and the line Nagios shows.</summary>
public sealed record CheckOutcome(string Check, CheckStatus Status, string Summary, IReadOnlyList<CheckedItem> Items)
{
    /// <summary><c>check send-receive</c>'s round trip in milliseconds; null for the other checks.</summary>
    public double? RoundTripMs { get; init; }

    /// <summary>How many of the worst items the line names.</summary>
    private const int Named = 3;

    /// <summary>The worst state of <paramref name="items"/> (OK when none), its line naming the worst ones.</summary>
    public static CheckOutcome Of(string check, IReadOnlyList<CheckedItem> items, string okSummary)
    {
        ArgumentNullException.ThrowIfNull(items);
        var worst = items.Count == 0 ? CheckStatus.Ok : items.Max(i => i.Status);
        if (worst == CheckStatus.Ok)
        {
            return new CheckOutcome(check, worst, okSummary, items);
        }

        var bad = items.Where(i => i.Status == worst).ToList();
        var named = string.Join("; ", bad.Take(Named).Select(i => $"{i.Name} {i.Detail}"));
        var more = bad.Count > Named ? string.Create(CultureInfo.InvariantCulture, $" (and {bad.Count - Named} more)") : "";
        return new CheckOutcome(check, worst, named + more, items);
    }

    public static CheckOutcome Unknown(string check, string reason) => new(check, CheckStatus.Unknown, reason, []);

    /// <summary>Nagios' one line: <c>OK: …</c>, <c>WARNING: …</c>, <c>CRITICAL: …</c>, <c>UNKNOWN: …</c>.</summary>
    public string Line => $"{Status.ToString().ToUpperInvariant()}: {Summary}";
}
