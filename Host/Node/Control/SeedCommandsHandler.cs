using System.Text.Json;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Processing.DeadLetters.Store;
using Akka.Actor;
using QueueActors.Actors.Sites;

namespace QueueActors.Host.Node.Control;

/// <summary>
/// The seed's commands: the site registry (<c>site list|show|add|set|remove</c>) and the dead-letter store
/// (<c>dead list|show|replay|purge</c>). Every seed gets them; only the oldest seed up serves them (the one that runs
/// the roles, or takes them over: <see cref="SeedSingleton.StandbyReason"/>), the others answer "not served", so the requester
/// takes its answer. During a hand-over the command waits in that seed's proxy for the new roles, within the ask
/// timeout; when none answers by then, the reply says so.
/// </summary>
public sealed class SeedCommandsHandler(NodeRuntime runtime, NodeOptions options) : IControlCommandHandler
{
    public IReadOnlyCollection<string> Commands { get; } =
    [
        ControlCommands.SiteList, ControlCommands.SiteShow, ControlCommands.SiteAdd, ControlCommands.SiteSet, ControlCommands.SiteRemove,
        ControlCommands.DeadList, ControlCommands.DeadShow, ControlCommands.DeadReplay, ControlCommands.DeadPurge,
    ];

    public async Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Command switch
        {
            ControlCommands.SiteList => SeedReplies.Sites(await AskAsync<SiteList>(ListSites.Instance, cancellationToken).ConfigureAwait(false), Source(request), Limit(request)),
            ControlCommands.SiteShow => SeedReplies.Site(await AskAsync<object>(new GetSite(request.RequiredArgument(ControlArguments.Site)), cancellationToken).ConfigureAwait(false)),
            ControlCommands.SiteAdd => SeedReplies.Changed(await AskAsync<object>(new AddSite(Definition(request)), cancellationToken).ConfigureAwait(false)),
            ControlCommands.SiteSet => SeedReplies.Changed(await AskAsync<object>(new UpdateSite(Definition(request)), cancellationToken).ConfigureAwait(false)),
            ControlCommands.SiteRemove => SeedReplies.Changed(await AskAsync<object>(new RemoveSite(request.RequiredArgument(ControlArguments.Site)), cancellationToken).ConfigureAwait(false)),
            ControlCommands.DeadList => SeedReplies.DeadLetters(await AskAsync<DeadLetterList>(new ListDeadLetters(request.Argument(ControlArguments.Site), request.Argument(ControlArguments.Queue), 1000), cancellationToken).ConfigureAwait(false)),
            ControlCommands.DeadShow => SeedReplies.DeadLetter(await AskAsync<object>(new ShowDeadLetter(request.RequiredArgument(ControlArguments.Id)), cancellationToken).ConfigureAwait(false)),
            ControlCommands.DeadReplay => SeedReplies.Replayed(await AskAsync<object>(Replay(request), cancellationToken).ConfigureAwait(false)),
            ControlCommands.DeadPurge => SeedReplies.Purged(await AskAsync<DeadLettersPurged>(new PurgeDeadLetters(OlderThan(request)), cancellationToken).ConfigureAwait(false)),
            _ => throw new ControlArgumentException($"'{request.Command}' is not a seed command"),
        };
    }

    private static SiteSource? Source(ControlRequest request) => request.Argument(ControlArguments.Source) switch
    {
        null => null,
        "config" => SiteSource.Config,
        "registry" => SiteSource.Registry,
        var text => throw new ControlArgumentException($"source takes config or registry, got '{text}'"),
    };

    private static int? Limit(ControlRequest request) => request.Argument(ControlArguments.Limit) switch
    {
        null => null,
        var text when int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit >= 1 => limit,
        var text => throw new ControlArgumentException($"limit takes a whole number of at least 1, got '{text}'"),
    };

    private async Task<T> AskAsync<T>(object message, CancellationToken cancellationToken)
    {
        var seed = runtime.Seed ?? throw new ControlNotServedException($"node {options.Node.Name} has not started its seed roles");
        if (SeedSingleton.StandbyReason(runtime.System!) is { } standby)
        {
            throw new ControlNotServedException($"node {options.Node.Name}: {standby}");
        }

        try
        {
            return await seed.Ask<object>(message, options.Node.AskTimeout, cancellationToken).ConfigureAwait(false) switch
            {
                Status.Failure failure => throw failure.Cause,
                T reply => reply,
                var other => throw new InvalidOperationException($"the seed replied with an unexpected {other.GetType().Name}"),
            };
        }
        catch (AskTimeoutException)
        {
            throw new TimeoutException($"no seed ran the seed roles within {options.Node.AskTimeout.TotalSeconds:0.#} s (a hand-over that did not end, or no seed up); try again");
        }
        catch (ArgumentException invalid)
        {
            throw new ControlArgumentException(invalid.Message);
        }
    }

    private static SiteDefinition Definition(ControlRequest request)
    {
        var json = request.RequiredArgument(ControlArguments.Definition);
        try
        {
            return JsonSerializer.Deserialize<SiteDefinition>(json, ControlWire.Json) ?? throw new ControlArgumentException("the site definition is null");
        }
        catch (JsonException invalid)
        {
            throw new ControlArgumentException($"the site definition is not valid JSON: {invalid.Message}");
        }
    }

    private static ReplayDeadLetters Replay(ControlRequest request) =>
        request.Flag(ControlArguments.All) ? ReplayDeadLetters.All(request.Argument(ControlArguments.Queue)) : ReplayDeadLetters.One(request.RequiredArgument(ControlArguments.Id));

    private static TimeSpan? OlderThan(ControlRequest request) =>
        request.Argument(ControlArguments.OlderThan) is not { } text ? null
        : ControlArguments.TryParseDuration(text, out var age) ? age
        : throw new ControlArgumentException($"older-than takes {ControlArguments.DurationExpected}, not '{text}'");
}
