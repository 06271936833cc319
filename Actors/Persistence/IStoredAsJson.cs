namespace QueueActors.Actors.Persistence;

/// <summary>
/// An event or snapshot of one of our persistent actors: Akka serializes it with <see cref="JsonEventSerializer"/>
/// (System.Text.Json, the type's name as the manifest), bound in <see cref="AkkaSqlPersistence.SerializationHocon"/>.
/// Such types are the journal's schema: keep their names and shapes stable.
/// </summary>
public interface IStoredAsJson
{
}
