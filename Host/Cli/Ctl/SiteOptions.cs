using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Sites;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>The options of <c>site add</c> and <c>site update</c>, turned into a <see cref="SiteDefinition"/>.</summary>
internal sealed class SiteOptions(Argument<string> site)
{
    private readonly Option<string[]> queues = new("--queue", "-q") { Description = "A queue processed for the site (repeat; none: every queue)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> breakout = new("--breakout", "-b") { Description = "A queue of the site broken out onto qa.<site>.<queue> (repeat)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> concurrency = new("--concurrency") { Description = "QUEUE=N: handler actors for the site's queue (repeat; no short form: -c is --config)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string?> xmpp = new("--xmpp") { Description = "The XMPP account (user@domain) the site sends as" };
    private readonly Option<bool> disabled = new("--disabled") { Description = "Keep the site but run no supervisors for it" };

    public Symbol[] Symbols => [site, queues, breakout, concurrency, xmpp, disabled];

    /// <summary>Whether any setting was given (<c>site update</c> without one only reloads the site).</summary>
    public bool Given(ParseResult parse) =>
        parse.GetValue(queues) is { Length: > 0 } || parse.GetValue(breakout) is { Length: > 0 } || parse.GetValue(concurrency) is { Length: > 0 }
        || parse.GetValue(xmpp) is not null || parse.GetValue(disabled);

    /// <summary>The registry command with the definition the options describe.</summary>
    public ControlCall Call(ParseResult parse, string command)
    {
        var definition = new SiteDefinition
        {
            Name = parse.GetValue(site)!,
            Enabled = !parse.GetValue(disabled),
            Queues = parse.GetValue(queues) ?? [],
            Breakout = parse.GetValue(breakout) ?? [],
            Concurrency = Concurrency(parse.GetValue(concurrency) ?? []),
            Xmpp = parse.GetValue(xmpp),
        };
        if (definition.Problem() is { } problem)
        {
            throw new CtlUsageException(problem);
        }

        return new ControlCall(command)
        {
            Arguments = new Dictionary<string, string>(StringComparer.Ordinal) { [ControlArguments.Definition] = JsonSerializer.Serialize(definition, ControlWire.Json) },
        };
    }

    /// <summary><c>update:&lt;site&gt;</c>: every node reloads the site from the registry.</summary>
    public ControlCall Reload(ParseResult parse) =>
        new(ControlCommands.SiteUpdate) { Arguments = new Dictionary<string, string>(StringComparer.Ordinal) { [ControlArguments.Site] = parse.GetValue(site)! } };

    private static Dictionary<string, int> Concurrency(IEnumerable<string> pairs)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var parts = pair.Split('=', 2);
            if (parts.Length != 2 || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
            {
                throw new CtlUsageException($"--concurrency takes QUEUE=N, not '{pair}'");
            }

            result[parts[0]] = count;
        }

        return result;
    }
}
