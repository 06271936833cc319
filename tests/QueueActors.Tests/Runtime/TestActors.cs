using QueueActors.Actors.Runtime;

namespace QueueActors.Tests.Runtime;

/// <summary>Small actors shared by the kernel tests.</summary>
internal sealed class EchoActor : ActorBase
{
    protected override ValueTask ReceiveAsync(object message)
    {
        Reply(message);
        return ValueTask.CompletedTask;
    }
}

/// <summary>Counts messages; "count?" replies the count, "fail" throws, anything else increments. Reports hooks to a probe.</summary>
internal sealed class CountingActor(IActorRef reporter) : ActorBase
{
    private int count;

    protected override ValueTask ReceiveAsync(object message)
    {
        switch (message)
        {
            case "count?":
                Reply(count);
                break;
            case "fail":
                throw new InvalidOperationException("asked to fail");
            case "fail-hard":
                throw new ArgumentException("asked to fail hard");
            default:
                count++;
                break;
        }

        return ValueTask.CompletedTask;
    }

    protected override void PreStart() => reporter.Tell($"PreStart {Self.Path.Name}");

    protected override void PostStop() => reporter.Tell($"PostStop {Self.Path.Name}");

    protected override void PreRestart(Exception reason, object? message)
    {
        reporter.Tell($"PreRestart {Self.Path.Name} {message}");
        base.PreRestart(reason, message);
    }

    protected override void PostRestart(Exception reason)
    {
        reporter.Tell($"PostRestart {Self.Path.Name}");
        base.PostRestart(reason);
    }
}

/// <summary>A parent whose children are made with the given props and supervised with the given strategy.</summary>
internal sealed class ParentActor(SupervisorStrategy strategy, params (string Name, Props Props)[] children) : ActorBase
{
    protected override void PreStart()
    {
        foreach (var (name, props) in children)
        {
            Context.ActorOf(props, name);
        }
    }

    protected override ValueTask ReceiveAsync(object message)
    {
        if (message is (string childName, object forward) && Context.Child(childName) is { } child)
        {
            child.Tell(forward, Sender);
            return ValueTask.CompletedTask;
        }

        return Unhandled(message);
    }

    protected override SupervisorStrategy SupervisorStrategy() => strategy;
}
