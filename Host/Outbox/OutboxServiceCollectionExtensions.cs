using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Outbox;
using QueueActors.Actors.Transport;

namespace QueueActors.Host.Outbox;

/// <summary>The node's wiring of the outbox relay.</summary>
public static class OutboxServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <see cref="OutboxWriter"/> of the configured table (it knows the partitioned queues), and the
    /// outbox relay as a hosted service when <c>queueactors.outbox.enabled</c> is on. Register it after the node's own
    /// service: the relay starts after it and stops before it, while the transport is still open.
    /// </summary>
    /// <exception cref="HoconException">An outbox setting is not valid (the connection string is never quoted).</exception>
    public static IServiceCollection AddOutboxRelay(this IServiceCollection services, HoconConfig config)
    {
        var settings = OutboxSettings.FromConfig(config);
        services.TryAddSingleton(sp => new OutboxWriter(settings.Table, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<QueueTopology>()));
        if (!settings.Enabled)
        {
            return services;
        }

        services.AddSingleton(sp => new OutboxRelay(
            settings,
            sp.GetRequiredService<ITransport>(),
            sp.GetRequiredService<QueueTopology>(),
            sp.GetRequiredService<NodeSettings>().Name,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<OutboxRelay>(),
            sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<OutboxRelayService>();
        return services;
    }
}
