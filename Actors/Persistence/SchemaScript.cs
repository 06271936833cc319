namespace QueueActors.Actors.Persistence;

/// <summary>One migration: the script that takes a component's schema from version <c>Version - 1</c> to <see cref="Version"/>.</summary>
internal sealed record SchemaScript(int Version, string Name, string Sql);
