using QueueActors.Actors.Runtime;

namespace QueueActors.Tests.Runtime;

/// <summary>An actor whose receive is a lambda given by the test.</summary>
internal sealed class DelegateActor(Action<object> receive) : ActorBase
{
    protected override ValueTask ReceiveAsync(object message)
    {
        receive(message);
        return ValueTask.CompletedTask;
    }
}

/// <summary>An actor whose async receive is a lambda given by the test.</summary>
internal sealed class AsyncDelegateActor(Func<object, Task> receive) : ActorBase
{
    protected override async ValueTask ReceiveAsync(object message) => await receive(message);
}
