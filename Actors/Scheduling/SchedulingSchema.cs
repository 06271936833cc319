namespace QueueActors.Actors.Scheduling;

/// <summary>The tables of scheduled events and unique keys in schema_version.</summary>
internal static class SchedulingSchema
{
    /// <summary>The component name (migrations under <c>Scheduling/Migrations</c>).</summary>
    public const string Component = "scheduling";
}
