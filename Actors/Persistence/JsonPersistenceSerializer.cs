using System.Collections.Concurrent;
using System.Text.Json;

namespace QueueActors.Actors.Persistence;

/// <summary>
/// The default serializer: System.Text.Json, with the type's full name and assembly (no version) as the
/// manifest, so an event type survives a version bump of its assembly. Renaming a type breaks old events:
/// keep event types stable (they are the journal's schema).
/// </summary>
public sealed class JsonPersistenceSerializer : IPersistenceSerializer
{
    private readonly ConcurrentDictionary<string, Type> _types = new(StringComparer.Ordinal);
    private readonly JsonSerializerOptions _options;

    /// <summary>Creates the serializer; <paramref name="options"/> default to <see cref="JsonSerializerDefaults.General"/>.</summary>
    public JsonPersistenceSerializer(JsonSerializerOptions? options = null) => _options = options ?? new JsonSerializerOptions(JsonSerializerDefaults.General);

    /// <inheritdoc />
    public (string Manifest, byte[] Payload) Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var type = value.GetType();
        return ($"{type.FullName}, {type.Assembly.GetName().Name}", JsonSerializer.SerializeToUtf8Bytes(value, type, _options));
    }

    /// <inheritdoc />
    public object Deserialize(string manifest, ReadOnlyMemory<byte> payload)
    {
        var type = _types.GetOrAdd(manifest, static m => Type.GetType(m, throwOnError: false) ?? throw new PersistenceException($"Manifest {m} names no type that can be loaded."));
        try
        {
            return JsonSerializer.Deserialize(payload.Span, type, _options) ?? throw new PersistenceException($"Payload of {manifest} is JSON null.");
        }
        catch (JsonException ex)
        {
            throw new PersistenceException($"Payload does not read as {manifest}: {ex.Message}", ex);
        }
    }
}
