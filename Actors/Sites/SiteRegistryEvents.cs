using QueueActors.Actors.Persistence;

namespace QueueActors.Actors.Sites;

// The journal's schema for persistence id "site-registry": keep these names and shapes stable.

/// <summary>A site was added, or its definition replaced (both: it is defined by the registry from now on).</summary>
internal sealed record SiteDefined(SiteDefinition Definition) : IStoredAsJson;

/// <summary>A site was removed; <paramref name="Configured"/>: it was declared in HOCON then (so it must stay hidden).</summary>
internal sealed record SiteRemoved(string Name, bool Configured) : IStoredAsJson;

/// <summary>The registry's changes at a sequence number: sites it defines, and HOCON sites it removed.</summary>
internal sealed record SiteRegistrySnapshot(IReadOnlyList<SiteDefinition> Defined, IReadOnlyList<string> Removed) : IStoredAsJson;
