using Akka.Actor;

namespace QueueActors.Actors.Sites;

/// <summary>
/// Typed, awaitable calls to a <see cref="SiteRegistry"/> (for the control channel and tests). Each call waits up to
/// the timeout (default <see cref="DefaultTimeout"/>; Akka's <see cref="AskTimeoutException"/> after it). A change the
/// registry refuses throws <see cref="SiteRegistryException"/> with the registry's reason.
/// </summary>
public sealed class SiteRegistryClient(IActorRef registry, TimeSpan? timeout = null)
{
    /// <summary>How long a call waits when no timeout is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The registry asked.</summary>
    public IActorRef Registry { get; } = registry ?? throw new ArgumentNullException(nameof(registry));

    /// <summary>Every site with its source, ordered by name.</summary>
    public async Task<IReadOnlyList<RegisteredSite>> ListAsync(CancellationToken cancellationToken = default) =>
        ((SiteList)await AskAsync(ListSites.Instance, cancellationToken).ConfigureAwait(false)).Sites;

    /// <summary>One site with its source; null when there is none of that name.</summary>
    public async Task<RegisteredSite?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        return await AskAsync(new GetSite(name), cancellationToken).ConfigureAwait(false) switch
        {
            RegisteredSite site => site,
            SiteRejected { NotFound: true } => null,
            var other => throw Unexpected(other),
        };
    }

    /// <summary>Adds a new site; returns the change published.</summary>
    /// <exception cref="SiteRegistryException">The site exists, or the definition is invalid.</exception>
    public Task<SiteChanged> AddAsync(SiteDefinition definition, CancellationToken cancellationToken = default) =>
        ChangeAsync(new AddSite(definition ?? throw new ArgumentNullException(nameof(definition))), cancellationToken);

    /// <summary>Replaces an existing site's definition; returns the change published.</summary>
    /// <exception cref="SiteRegistryException">There is no such site, or the definition is invalid.</exception>
    public Task<SiteChanged> UpdateAsync(SiteDefinition definition, CancellationToken cancellationToken = default) =>
        ChangeAsync(new UpdateSite(definition ?? throw new ArgumentNullException(nameof(definition))), cancellationToken);

    /// <summary>Removes a site; returns the change published (its definition null).</summary>
    /// <exception cref="SiteRegistryException">There is no such site.</exception>
    public Task<SiteChanged> RemoveAsync(string name, CancellationToken cancellationToken = default) =>
        ChangeAsync(new RemoveSite(name ?? throw new ArgumentNullException(nameof(name))), cancellationToken);

    private async Task<SiteChanged> ChangeAsync(object command, CancellationToken cancellationToken) =>
        await AskAsync(command, cancellationToken).ConfigureAwait(false) switch
        {
            SiteChanged changed => changed,
            SiteRejected rejected => throw new SiteRegistryException(rejected.Site, rejected.Reason),
            var other => throw Unexpected(other),
        };

    private async Task<object> AskAsync(object command, CancellationToken cancellationToken)
    {
        var reply = await Registry.Ask<object>(command, timeout ?? DefaultTimeout, cancellationToken).ConfigureAwait(false);
        return reply is Status.Failure failure ? throw failure.Cause : reply;
    }

    private InvalidCastException Unexpected(object reply) => new($"Site registry {Registry.Path} replied with an unexpected {reply.GetType().Name}.");
}
