using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using QueueActors.Actors.Cluster.Signing;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The bytes on the channel: <c>{"headers":{"cmd-timestamp":…,"cmd-nonce":…,"cmd-hmac-sha256":…},"body":"&lt;JSON text&gt;"}</c>.
/// The body travels as a string so that the exact signed bytes (its UTF-8) survive any JSON re-encoding of the
/// envelope; the headers are <see cref="CommandSignature"/>'s, so the verifier sees what it sees on any transport.
/// </summary>
public static class ControlWire
{
    /// <summary>How bodies are written and read: camelCase, enums as names, nulls left out.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Serializes and signs <paramref name="message"/>.</summary>
    public static byte[] Seal(ControlMessage message, CommandSigner signer)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(signer);
        var body = JsonSerializer.Serialize(message, Json);
        return Wrap(body, signer.Sign(Encoding.UTF8.GetBytes(body)).ToHeaders());
    }

    /// <summary>An envelope with any headers (or none: an unsigned message), for tests and tools.</summary>
    public static byte[] Wrap(string body, IReadOnlyDictionary<string, string>? headers)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (headers is not null)
            {
                writer.WriteStartObject("headers");
                foreach (var (name, value) in headers)
                {
                    writer.WriteString(name, value);
                }

                writer.WriteEndObject();
            }

            writer.WriteString("body", body);
            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads an envelope and its body without checking the signature; false with a reason when unreadable.</summary>
    public static bool TryOpen(ReadOnlyMemory<byte> wire, out OpenedControlMessage? opened, out string? error)
    {
        opened = null;
        try
        {
            using var document = JsonDocument.Parse(wire);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("body", out var bodyElement) || bodyElement.ValueKind != JsonValueKind.String)
            {
                error = "not a control envelope (an object with a string body)";
                return false;
            }

            Dictionary<string, string>? headers = null;
            if (root.TryGetProperty("headers", out var headerElement) && headerElement.ValueKind == JsonValueKind.Object)
            {
                headers = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var header in headerElement.EnumerateObject().Where(h => h.Value.ValueKind == JsonValueKind.String))
                {
                    headers[header.Name] = header.Value.GetString()!;
                }
            }

            var body = bodyElement.GetString()!;
            var message = JsonSerializer.Deserialize<ControlMessage>(body, Json);
            if (message is null || string.IsNullOrWhiteSpace(message.Sender))
            {
                error = "the body is not a control message with a sender";
                return false;
            }

            opened = new OpenedControlMessage(message, Encoding.UTF8.GetBytes(body), headers);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"unreadable JSON: {ex.Message}";
            return false;
        }
    }
}
