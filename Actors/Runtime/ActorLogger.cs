using Microsoft.Extensions.Logging;

namespace QueueActors.Actors.Runtime;

/// <summary>Wraps a category logger so that every entry carries the actor's path as a scope (<c>ActorPath</c>).</summary>
internal sealed class ActorLogger(ILogger inner, IActorRef actor) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => inner.BeginScope(state);

    public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!inner.IsEnabled(logLevel))
        {
            return;
        }

        using (inner.BeginScope(new ActorScope(actor.Path)))
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
    }
}
