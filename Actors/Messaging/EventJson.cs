using System.Text.Json;

namespace QueueActors.Actors.Messaging;

/// <summary>The one JSON shape of events: System.Text.Json web defaults (camelCase, case-insensitive reads).</summary>
public static class EventJson
{
    /// <summary>Options used to write payloads on publish and to read them for handlers.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>The content type of a JSON payload.</summary>
    public const string ContentType = "application/json";

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
