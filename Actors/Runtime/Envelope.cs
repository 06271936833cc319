namespace QueueActors.Actors.Runtime;

/// <summary>A message in a mailbox with the ref that sent it.</summary>
internal readonly record struct Envelope(object Message, IActorRef? Sender);
