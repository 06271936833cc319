using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Transport;

namespace QueueActors.TestWorker;

/// <summary>
/// The test hook of <c>QA_WORKER_DIE_AFTER_RETRY_PUBLISH=1</c>: the node's transport, wrapped so that the
/// process fails fast as soon as a delayed publish (a retry copy) is confirmed, before the original delivery
/// is acknowledged: the death between the two steps that must not make one event two.
/// </summary>
public class DieAfterRetryPublish : DispatchProxy
{
    public const string Variable = "QA_WORKER_DIE_AFTER_RETRY_PUBLISH";

    private ITransport? _inner;

    /// <summary>Replaces the registered <see cref="ITransport"/> with the wrapped one when the variable is set.</summary>
    public static void ApplyIfAsked(IServiceCollection services)
    {
        if (Environment.GetEnvironmentVariable(Variable) != "1")
        {
            return;
        }

        var registered = services.Last(d => d.ServiceType == typeof(ITransport));
        var inner = (ITransport)registered.ImplementationInstance!;
        var proxy = Create<ITransport, DieAfterRetryPublish>();
        ((DieAfterRetryPublish)(object)proxy)._inner = inner;
        services.AddSingleton(proxy);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        var result = targetMethod!.Invoke(_inner, args);
        return targetMethod.Name == nameof(ITransport.PublishDelayedAsync) ? DieAfterAsync((ValueTask)result!) : result;
    }

    private static async ValueTask DieAfterAsync(ValueTask publish)
    {
        await publish.ConfigureAwait(false);
        Environment.FailFast("test worker told to die after a retry publish, before the ack");
    }
}
