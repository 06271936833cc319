using QueueActors.Actors.Persistence;
using QueueActors.Actors.Runtime;

namespace QueueActors.Actors.Sites;

/// <summary>
/// The cluster's sites, persisted (persistence id <c>site-registry</c>): the sites declared in HOCON
/// (<see cref="SitesSettings"/>) overlaid with the changes made at run time.
/// <list type="number">
/// <item><see cref="ListSites"/> and <see cref="GetSite"/> answer with each site's definition and source
/// (<see cref="SiteSource.Config"/> or <see cref="SiteSource.Registry"/>).</item>
/// <item><see cref="AddSite"/> (the site must not exist), <see cref="UpdateSite"/> (it must) and
/// <see cref="RemoveSite"/> validate, persist, then publish <see cref="SiteChanged"/> on the event stream (for the
/// node to start, reconfigure or stop the site's supervisors) and reply with it; a refused command replies
/// <see cref="SiteRejected"/> and changes nothing.</item>
/// <item>Removing a HOCON site is remembered, so it stays removed after a restart; removing a site the registry
/// added forgets it, so that a later HOCON declaration of the name shows again.</item>
/// <item>A snapshot every <see cref="SnapshotInterval"/> events keeps recovery short.</item>
/// </list>
/// Run one per cluster (the seed node); commands come from <see cref="SiteRegistryClient"/>.
/// </summary>
public sealed class SiteRegistry : PersistentActor
{
    /// <summary>The journal key of the registry.</summary>
    public const string Id = "site-registry";

    /// <summary>Events between two snapshots.</summary>
    public const int SnapshotInterval = 100;

    private readonly IReadOnlyDictionary<string, SiteDefinition> _configured;
    private readonly SortedDictionary<string, SiteDefinition> _defined = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _removed = new(StringComparer.Ordinal);
    private int _eventsSinceSnapshot;

    /// <summary>Creates the registry over <paramref name="stores"/>, starting from the HOCON sites <paramref name="configured"/>.</summary>
    public SiteRegistry(PersistenceStores stores, SitesSettings configured)
        : base(stores)
    {
        ArgumentNullException.ThrowIfNull(configured);
        _configured = configured.Sites.ToDictionary(s => s.Name, StringComparer.Ordinal);
    }

    /// <inheritdoc />
    public override string PersistenceId => Id;

    /// <summary>The props of a registry (see the constructor).</summary>
    public static Props Props(PersistenceStores stores, SitesSettings configured) =>
        Runtime.Props.Create(() => new SiteRegistry(stores, configured));

    /// <inheritdoc />
    protected override void ReceiveRecover(object message)
    {
        if (message is SnapshotOffer { Snapshot: SiteRegistrySnapshot snapshot })
        {
            _defined.Clear();
            _removed.Clear();
            foreach (var site in snapshot.Defined)
            {
                _defined[site.Name] = site;
            }

            _removed.UnionWith(snapshot.Removed);
            return;
        }

        Apply(message);
    }

    /// <inheritdoc />
    protected override ValueTask ReceiveCommandAsync(object message)
    {
        switch (message)
        {
            case ListSites:
                Reply(new SiteList([.. Current()]));
                return ValueTask.CompletedTask;
            case GetSite get:
                Reply(Find(get.Name) is { } site ? site : NotFound(get.Name ?? ""));
                return ValueTask.CompletedTask;
            case AddSite add:
                return ChangeAsync(add.Definition, mustExist: false);
            case UpdateSite update:
                return ChangeAsync(update.Definition, mustExist: true);
            case RemoveSite remove:
                return RemoveAsync(remove.Name ?? "");
            default:
                return Unhandled(message);
        }
    }

    private async ValueTask ChangeAsync(SiteDefinition? definition, bool mustExist)
    {
        if (definition is null)
        {
            Reject(new SiteRejected("", "A site definition is required."));
            return;
        }

        if (definition.Problem() is { } problem)
        {
            Reject(new SiteRejected(definition.Name ?? "", problem));
            return;
        }

        var exists = Find(definition.Name) is not null;
        if (exists != mustExist)
        {
            Reject(exists
                ? new SiteRejected(definition.Name, $"Site {definition.Name} exists already; update it instead.")
                : NotFound(definition.Name));
            return;
        }

        await PersistAsync(new SiteDefined(definition), Apply).ConfigureAwait(false);
        Publish(definition.Name, definition, mustExist ? "updated" : "added");
        await SnapshotIfDueAsync().ConfigureAwait(false);
    }

    private async ValueTask RemoveAsync(string name)
    {
        if (Find(name) is null)
        {
            Reject(NotFound(name));
            return;
        }

        await PersistAsync(new SiteRemoved(name, _configured.ContainsKey(name)), Apply).ConfigureAwait(false);
        Publish(name, null, "removed");
        await SnapshotIfDueAsync().ConfigureAwait(false);
    }

    private void Apply(object @event)
    {
        switch (@event)
        {
            case SiteDefined defined:
                _defined[defined.Definition.Name] = defined.Definition;
                _removed.Remove(defined.Definition.Name);
                break;
            case SiteRemoved removed:
                _defined.Remove(removed.Name);
                if (removed.Configured)
                {
                    _removed.Add(removed.Name); // a HOCON site: remembered, or the configuration would bring it back
                }

                break;
            default:
                return;
        }

        _eventsSinceSnapshot++;
    }

    /// <summary>The sites now: the registry's own, then the HOCON ones it neither overrides nor removed, by name.</summary>
    private IEnumerable<RegisteredSite> Current() =>
        _defined.Values.Select(d => new RegisteredSite(d, SiteSource.Registry))
            .Concat(_configured.Values.Where(c => !_defined.ContainsKey(c.Name) && !_removed.Contains(c.Name)).Select(c => new RegisteredSite(c, SiteSource.Config)))
            .OrderBy(s => s.Definition.Name, StringComparer.Ordinal);

    private RegisteredSite? Find(string? name) =>
        name is null ? null
        : _defined.TryGetValue(name, out var defined) ? new RegisteredSite(defined, SiteSource.Registry)
        : _configured.TryGetValue(name, out var configured) && !_removed.Contains(name) ? new RegisteredSite(configured, SiteSource.Config)
        : null;

    private void Publish(string site, SiteDefinition? definition, string change)
    {
        var changed = new SiteChanged(site, definition);
        SiteRegistryLog.Changed(Context.Log, site, change, definition is null ? "no longer served" : definition.Enabled ? "enabled" : "disabled");
        Context.System.EventStream.Publish(changed);
        Reply(changed);
    }

    private void Reject(SiteRejected rejected)
    {
        SiteRegistryLog.Rejected(Context.Log, rejected.Site, rejected.Reason);
        Reply(rejected);
    }

    private static SiteRejected NotFound(string name) => new(name, $"There is no site {name}.", NotFound: true);

    private async ValueTask SnapshotIfDueAsync()
    {
        if (_eventsSinceSnapshot < SnapshotInterval)
        {
            return;
        }

        await SaveSnapshotAsync(new SiteRegistrySnapshot([.. _defined.Values], [.. _removed])).ConfigureAwait(false);
        await DeleteMessagesAsync(SnapshotSequenceNr).ConfigureAwait(false);
        _eventsSinceSnapshot = 0;
    }
}
