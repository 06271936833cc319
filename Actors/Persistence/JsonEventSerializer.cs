using System.Collections.Concurrent;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace QueueActors.Actors.Persistence;

/// <summary>
/// Akka's serializer for <see cref="IStoredAsJson"/> events and snapshots: System.Text.Json, with the type's full
/// name and assembly (no version) as the manifest, so an event type survives a version bump of its assembly.
/// Akka's default (Newtonsoft with type names) would write compiler-generated collection types into the journal.
/// </summary>
public sealed class JsonEventSerializer(ExtendedActorSystem system) : SerializerWithStringManifest(system)
{
    /// <summary>The serializer's id in Akka's registry (ids up to 100 are Akka's own).</summary>
    public const int SerializerId = 4701;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);
    private static readonly ConcurrentDictionary<string, Type> Types = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public override int Identifier => SerializerId;

    /// <inheritdoc />
    public override byte[] ToBinary(object obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Options);
    }

    /// <inheritdoc />
    public override object FromBinary(byte[] bytes, string manifest)
    {
        var type = Types.GetOrAdd(manifest, static m => Type.GetType(m, throwOnError: false) ?? throw new System.Runtime.Serialization.SerializationException($"Manifest {m} names no type that can be loaded."));
        try
        {
            return JsonSerializer.Deserialize(bytes, type, Options) ?? throw new System.Runtime.Serialization.SerializationException($"Payload of {manifest} is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new System.Runtime.Serialization.SerializationException($"Payload does not read as {manifest}: {ex.Message}", ex);
        }
    }

    /// <inheritdoc />
    public override string Manifest(object o)
    {
        ArgumentNullException.ThrowIfNull(o);
        var type = o.GetType();
        return $"{type.FullName}, {type.Assembly.GetName().Name}";
    }
}
