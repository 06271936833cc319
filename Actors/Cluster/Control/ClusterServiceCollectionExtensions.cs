using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Cluster.Membership;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// Registration of the control channel: <c>services.AddQueueActorsCluster(config)</c>, then
/// <c>AddControlCommandHandler&lt;T&gt;()</c> per handler. Resolve <see cref="ClusterNodeServices"/> and start
/// <see cref="ControlActor.Props"/> on the node's Akka actor system (a cluster member, for DistributedPubSub).
/// </summary>
public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ClusterSettings"/>, the default
    /// <see cref="INodeStatusProvider"/> (<see cref="ProcessNodeStatusProvider"/>), <see cref="IBroadcast"/> (the
    /// registered <see cref="ITransport"/>) and <see cref="ClusterNodeServices"/>. Whatever
    /// is registered already (e.g. a <see cref="NodeSettings"/> with the executable's roles) is kept. Resolving
    /// <see cref="ClusterNodeServices"/> reads the cluster secret and throws InvalidOperationException when it is missing.
    /// The node's verifier keeps the nonces it accepts in <c>&lt;data-directory&gt;/control-nonces.&lt;node&gt;.log</c>
    /// (see <see cref="CommandVerifier"/>), so a command obeyed before a restart is not obeyed again after it.
    /// </summary>
    public static IServiceCollection AddQueueActorsCluster(this IServiceCollection services, HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        var dataDirectory = config.GetString("queueactors.data-directory");
        services.TryAddSingleton(ClusterSettings.FromConfig(config));
        services.TryAddSingleton(NodeSettings.FromConfig(config));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<INodeStatusProvider>(sp =>
        {
            var node = sp.GetRequiredService<NodeSettings>();
            return new ProcessNodeStatusProvider(node.Name, node.Roles, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IBroadcast>(sp => sp.GetRequiredService<ITransport>());
        services.TryAddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<ClusterSettings>();
            var node = sp.GetRequiredService<NodeSettings>();
            var time = sp.GetRequiredService<TimeProvider>();
            var loggerFactory = sp.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            var logger = loggerFactory.CreateLogger("QueueActors.Actors.Cluster.Control");
            return new ClusterNodeServices(
                settings,
                node.Name,
                node.Roles,
                CommandSigner.FromSettings(settings.Signing, time),
                CommandVerifier.FromSettings(settings.Signing, time, logger, nonceFile: NonceJournal.PathFor(dataDirectory, node.Name)),
                sp.GetRequiredService<INodeStatusProvider>(),
                [.. sp.GetServices<IControlCommandHandler>()])
            {
                Time = time,
                LoggerFactory = loggerFactory,
            };
        });
        return services;
    }

    /// <summary>Adds a command handler (a singleton); the control actor asks it for the commands it lists.</summary>
    public static IServiceCollection AddControlCommandHandler<THandler>(this IServiceCollection services)
        where THandler : class, IControlCommandHandler
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IControlCommandHandler, THandler>());
        return services;
    }
}
