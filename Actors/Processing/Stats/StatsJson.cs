using System.Text.Json;
using System.Text.Json.Serialization;

namespace QueueActors.Actors.Processing.Stats;

/// <summary>How stats files and error-log lines are written: snake_case keys, as Zulip's stats files have them.</summary>
internal static class StatsJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.General)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };
}
