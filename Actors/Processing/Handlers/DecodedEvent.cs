namespace QueueActors.Actors.Processing.Handlers;

/// <summary>A payload read into its event type, with its context.</summary>
internal sealed record DecodedEvent(object Event, HandlerContext Context);
