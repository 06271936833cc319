using Akka.Actor;
using Akka.Persistence;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

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
/// <item>A snapshot every <see cref="SnapshotInterval"/> events (the events behind it then deleted) keeps recovery short.</item>
/// </list>
/// Run one per cluster (the seed node); commands come from <see cref="SiteRegistryClient"/>.
/// </summary>
public sealed class SiteRegistry : ReceivePersistentActor
{
    /// <summary>The journal key of the registry.</summary>
    public const string Id = "site-registry";

    /// <summary>Events between two snapshots.</summary>
    public const int SnapshotInterval = 100;

    private readonly IReadOnlyDictionary<string, SiteDefinition> _configured;
    private readonly SortedDictionary<string, SiteDefinition> _defined = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _removed = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private int _eventsSinceSnapshot;

    /// <summary>Creates the registry, starting from the HOCON sites <paramref name="configured"/>.</summary>
    public SiteRegistry(SitesSettings configured, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(configured);
        _configured = configured.Sites.ToDictionary(s => s.Name, StringComparer.Ordinal);
        _logger = logger ?? NullLogger.Instance;

        Recover<SnapshotOffer>(offer => Restore((SiteRegistrySnapshot)offer.Snapshot));
        Recover<SiteDefined>(Apply);
        Recover<SiteRemoved>(Apply);

        Command<ListSites>(_ => Sender.Tell(new SiteList([.. Current()])));
        Command<GetSite>(get => Sender.Tell(Find(get.Name) is { } site ? site : NotFound(get.Name ?? "")));
        Command<AddSite>(add => Change(add.Definition, mustExist: false));
        Command<UpdateSite>(update => Change(update.Definition, mustExist: true));
        Command<RemoveSite>(remove => Remove(remove.Name ?? ""));
        Command<SaveSnapshotSuccess>(saved =>
        {
            // The snapshot holds everything before it: the events and older snapshots behind it can go.
            DeleteMessages(saved.Metadata.SequenceNr);
            DeleteSnapshots(new SnapshotSelectionCriteria(saved.Metadata.SequenceNr - 1));
        });
        Command<SaveSnapshotFailure>(failed => SiteRegistryLog.SnapshotFailed(_logger, failed.Metadata.SequenceNr, failed.Cause.Message));
        Command<DeleteMessagesSuccess>(_ => { });
        Command<DeleteMessagesFailure>(_ => { }); // kept events cost only recovery time; the next snapshot deletes them
        Command<DeleteSnapshotsSuccess>(_ => { });
        Command<DeleteSnapshotsFailure>(_ => { });
    }

    /// <inheritdoc />
    public override string PersistenceId => Id;

    /// <summary>The props of a registry (see the constructor).</summary>
    public static Props Props(SitesSettings configured, ILogger? logger = null) =>
        Akka.Actor.Props.Create(() => new SiteRegistry(configured, logger));

    private void Restore(SiteRegistrySnapshot snapshot)
    {
        _defined.Clear();
        _removed.Clear();
        foreach (var site in snapshot.Defined)
        {
            _defined[site.Name] = site;
        }

        _removed.UnionWith(snapshot.Removed);
    }

    private void Change(SiteDefinition? definition, bool mustExist)
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

        Persist(new SiteDefined(definition), defined =>
        {
            Apply(defined);
            Publish(definition.Name, definition, mustExist ? "updated" : "added");
            SnapshotIfDue();
        });
    }

    private void Remove(string name)
    {
        if (Find(name) is null)
        {
            Reject(NotFound(name));
            return;
        }

        Persist(new SiteRemoved(name, _configured.ContainsKey(name)), removed =>
        {
            Apply(removed);
            Publish(name, null, "removed");
            SnapshotIfDue();
        });
    }

    private void Apply(SiteDefined defined)
    {
        _defined[defined.Definition.Name] = defined.Definition;
        _removed.Remove(defined.Definition.Name);
        _eventsSinceSnapshot++;
    }

    private void Apply(SiteRemoved removed)
    {
        _defined.Remove(removed.Name);
        if (removed.Configured)
        {
            _removed.Add(removed.Name); // a HOCON site: remembered, or the configuration would bring it back
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
        SiteRegistryLog.Changed(_logger, site, change, definition is null ? "no longer served" : definition.Enabled ? "enabled" : "disabled");
        Context.System.EventStream.Publish(changed);
        Sender.Tell(changed);
    }

    private void Reject(SiteRejected rejected)
    {
        SiteRegistryLog.Rejected(_logger, rejected.Site, rejected.Reason);
        Sender.Tell(rejected);
    }

    private static SiteRejected NotFound(string name) => new(name, $"There is no site {name}.", NotFound: true);

    private void SnapshotIfDue()
    {
        if (_eventsSinceSnapshot >= SnapshotInterval)
        {
            SaveSnapshot(new SiteRegistrySnapshot([.. _defined.Values], [.. _removed]));
            _eventsSinceSnapshot = 0;
        }
    }
}
