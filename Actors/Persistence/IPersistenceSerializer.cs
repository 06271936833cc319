namespace QueueActors.Actors.Persistence;

/// <summary>Turns events and snapshots into bytes with a manifest, and back.</summary>
public interface IPersistenceSerializer
{
    /// <summary>The manifest (what it is) and the bytes of <paramref name="value"/>.</summary>
    (string Manifest, byte[] Payload) Serialize(object value);

    /// <summary>Reads back what <see cref="Serialize"/> wrote.</summary>
    /// <exception cref="PersistenceException">The manifest names no known type, or the bytes do not fit it.</exception>
    object Deserialize(string manifest, ReadOnlyMemory<byte> payload);
}
