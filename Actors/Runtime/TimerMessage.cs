namespace QueueActors.Actors.Runtime;

/// <summary>A timer's tick on its way; the generation lets a cancelled or replaced timer's tick be dropped.</summary>
internal sealed record TimerMessage(object Key, long Generation, object Message);
