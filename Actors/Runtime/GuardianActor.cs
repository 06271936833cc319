namespace QueueActors.Actors.Runtime;

/// <summary>The user and system guardians: they only supervise, with the system's default strategy.</summary>
internal sealed class GuardianActor : ActorBase
{
    protected override ValueTask ReceiveAsync(object message) => Unhandled(message);
}
