namespace QueueActors.Actors.Runtime;

/// <summary>Puts messages aside to handle them later, in the order they arrived.</summary>
public interface IStash
{
    /// <summary>Puts aside the message being handled.</summary>
    void Stash();

    /// <summary>Puts every stashed message back ahead of the mailbox, oldest first.</summary>
    void UnstashAll();

    int Count { get; }
}
