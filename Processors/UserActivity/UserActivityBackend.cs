namespace QueueActors.Processors.UserActivity;

/// <summary>The database the user-activity table lives in.</summary>
public enum UserActivityBackend
{
    Sqlite,
    Postgres,
}
