namespace QueueActors.Actors.Cluster.Signing;

/// <summary>The verdict on one control command: accepted, or rejected with a kind and a reason for the log.</summary>
public sealed record CommandVerification(CommandRejection? Rejection, string Reason)
{
    public static CommandVerification Accepted { get; } = new(null, "accepted");

    public bool IsAccepted => Rejection is null;

    public static CommandVerification Reject(CommandRejection rejection, string reason) => new(rejection, reason);
}
