using System.Globalization;
using System.Text;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Processing.DeadLetters.Store;
using QueueActors.Actors.Sites;

namespace QueueActors.Host.Node.Control;

/// <summary>The seed's answers as text for people and JSON data for scripts.</summary>
public static class SeedReplies
{
    /// <summary>
    /// <c>site list</c>: the data is <c>{ total, sites }</c>, the sites of <paramref name="source"/> (null: all), of them
    /// the first <paramref name="limit"/> (null: all) by name.
    /// </summary>
    public static ControlReply Sites(SiteList list, SiteSource? source = null, int? limit = null)
    {
        var all = source is { } only ? [.. list.Sites.Where(s => s.Source == only)] : list.Sites;
        var shown = limit is { } most ? [.. all.Take(most)] : all;
        var text = new StringBuilder($"{all.Count} site(s)");
        if (shown.Count < all.Count)
        {
            text.Append(CultureInfo.InvariantCulture, $", the first {shown.Count} shown");
        }

        if (shown.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{"SITE",-28} {"SOURCE",-8} {"ENABLED",-7} {"QUEUES",-24} {"BREAKOUT",-24} XMPP");
        }

        foreach (var (site, from) in shown)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{site.Name,-28} {from.ToString().ToLowerInvariant(),-8} {(site.Enabled ? "yes" : "no"),-7} {Names(site.Queues, "all"),-24} {Names(site.Breakout, "-"),-24} {site.Xmpp ?? "-"}");
        }

        return ControlReply.Ok(text.ToString(), new { Total = all.Count, Sites = shown });
    }

    /// <summary>The sites of a <c>site list</c> reply's data.</summary>
    public static IReadOnlyList<RegisteredSite> ReadSites(System.Text.Json.JsonElement data) =>
        System.Text.Json.JsonSerializer.Deserialize<RegisteredSite[]>(data.GetProperty("sites"), ControlWire.Json) ?? [];

    public static ControlReply Site(object answer) => answer switch
    {
        RegisteredSite found => ControlReply.Ok(Describe(found.Definition) + $"\nsource: {found.Source.ToString().ToLowerInvariant()}", found.Definition),
        SiteRejected rejected => ControlReply.Failed(rejected.Reason),
        _ => Unexpected(answer),
    };

    public static ControlReply Changed(object answer) => answer switch
    {
        SiteChanged { Definition: { } definition } => ControlReply.Ok($"site {definition.Name} saved; every node applies it\n{Describe(definition)}", definition),
        SiteChanged removed => ControlReply.Ok($"site {removed.Site} removed; every node stops it", new { removed.Site }),
        SiteRejected rejected => ControlReply.Failed(rejected.Reason),
        _ => Unexpected(answer),
    };

    public static ControlReply DeadLetters(DeadLetterList list)
    {
        var text = new StringBuilder(list.Total == list.Entries.Count ? $"{list.Total} dead letter(s)" : $"{list.Total} dead letter(s), the oldest {list.Entries.Count} shown");
        if (list.Entries.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n{"ID",-50} {"LAST FAILURE",-19} {"SITE",-20} {"QUEUE",-14} {"TRIES",5} {"REASON",-14} {"REPLAYED",-8} ERROR");
        }

        foreach (var entry in list.Entries)
        {
            var r = entry.Record;
            text.Append(CultureInfo.InvariantCulture, $"\n{r.Id,-50} {r.LastFailureAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} {r.Site,-20} {r.Queue,-14} {r.Attempts,5} {r.Reason,-14} {(entry.ReplayCount > 0 ? entry.ReplayCount.ToString(CultureInfo.InvariantCulture) + "x" : "-"),-8} {r.ExceptionType}: {Shorten(r.ExceptionMessage)}");
        }

        return ControlReply.Ok(text.ToString(), list);
    }

    public static ControlReply DeadLetter(object answer) => answer switch
    {
        DeadLetterEntry entry => ControlReply.Ok(Describe(entry), entry),
        DeadLetterNotFound missing => ControlReply.Failed($"no dead letter {missing.Id}"),
        _ => Unexpected(answer),
    };

    public static ControlReply Replayed(object answer) => answer switch
    {
        DeadLettersReplayed { Failed.Count: 0 } done => ControlReply.Ok($"{done.Replayed.Count} dead letter(s) published again", done),
        DeadLettersReplayed partly => new ControlReply(ControlReply.FailedCode, $"{partly.Replayed.Count} published again, {partly.Failed.Count} failed:\n" + string.Join('\n', partly.Failed.Select(f => $"{f.Id}: {f.Error}")), System.Text.Json.JsonSerializer.SerializeToElement(partly, ControlWire.Json)),
        DeadLetterNotFound missing => ControlReply.Failed($"no dead letter {missing.Id}"),
        _ => Unexpected(answer),
    };

    public static ControlReply Purged(DeadLettersPurged purged) => ControlReply.Ok($"{purged.Count} dead letter(s) purged (store and files)", purged);

    private static string Describe(SiteDefinition site) =>
        $"site {site.Name}: {(site.Enabled ? "enabled" : "disabled")}; queues {Names(site.Queues, "all")}; breakout {Names(site.Breakout, "none")}; " +
        $"concurrency {(site.Concurrency.Count == 0 ? "as configured" : string.Join(", ", site.Concurrency.Select(c => $"{c.Key}={c.Value}")))}; xmpp {site.Xmpp ?? "the output's own account"}";

    private static string Describe(DeadLetterEntry entry)
    {
        var r = entry.Record;
        return $"""
            id:            {r.Id}
            message id:    {r.MessageId}
            site / queue:  {r.Site} / {r.Queue} (broker queue {r.BrokerQueue})
            reason:        {r.Reason} after {r.Attempts} attempt(s), on node {r.Node}
            enqueued:      {r.EnqueuedAt:O}
            failed:        {r.FirstFailureAt:O} .. {r.LastFailureAt:O}
            replayed:      {(entry.ReplayedAt is { } at ? $"{entry.ReplayCount}x, last {at:O} as {entry.ReplayMessageId}" : "never")}
            content type:  {r.ContentType}
            payload:       {r.Payload ?? "(base64) " + r.PayloadBase64}
            exception:     {r.ExceptionType}: {r.ExceptionMessage}
            {r.StackTrace}
            """;
    }

    private static string Names(IReadOnlyList<string> names, string none) => names.Count == 0 ? none : string.Join(",", names);

    private static string Shorten(string? text) =>
        text is null ? string.Empty : (text.Length > 80 ? text[..80] + "…" : text).ReplaceLineEndings(" ");

    private static ControlReply Unexpected(object answer) => ControlReply.Failed($"unexpected answer {answer.GetType().Name}");
}
