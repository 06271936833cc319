namespace QueueActors.Processors.UserActivity;

/// <summary>The event of the user-activity queue: <see cref="User"/> did <see cref="Query"/> (an endpoint, a client) at <see cref="Time"/>.</summary>
public sealed record UserActivityEvent(string User, string Query, DateTimeOffset Time);
