using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;

namespace QueueActors.Actors.Processing;

/// <summary>
/// Registration in one place: <c>services.AddQueueActors(config).AddQueueHandlers(typeof(Program).Assembly)</c>.
/// The caller registers the <see cref="ITransport"/> (RabbitMQ, or in-memory).
/// </summary>
public static class QueueActorsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the settings bound from <paramref name="config"/>, the topology, <see cref="IEventPublisher"/>
    /// and <see cref="ProcessingService"/>.
    /// </summary>
    public static IServiceCollection AddQueueActors(this IServiceCollection services, HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(config);
        services.TryAddSingleton(MessagingSettings.FromConfig(config));
        services.TryAddSingleton(ProcessingSettings.FromConfig(config));
        services.TryAddSingleton(NodeSettings.FromConfig(config));
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new QueueTopology(sp.GetRequiredService<MessagingSettings>()));
        services.TryAddSingleton(Scheduling.SchedulingSettings.FromConfig(config));
        services.TryAddSingleton<IEventPublisher>(sp => new EventPublisher(
            sp.GetRequiredService<ITransport>(),
            sp.GetRequiredService<QueueTopology>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<Scheduling.IScheduledEvents>(), // registered by the node on its database, by the harness in memory
            sp.GetService<Uniqueness.IUniqueKeys>(),
            sp.GetRequiredService<Scheduling.SchedulingSettings>().UniqueFor));
        services.TryAddSingleton(sp => new ProcessingService(
            sp.GetRequiredService<ITransport>(),
            sp.GetRequiredService<QueueTopology>(),
            sp.GetRequiredService<ProcessingSettings>(),
            sp.GetServices<QueueHandlerRegistration>(),
            sp,
            sp.GetServices<IProcessingObserver>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<NodeSettings>().Name));
        return services;
    }

    /// <summary>Registers one handler class on its <see cref="QueueAttribute"/>'s queue, or on <paramref name="queue"/>.</summary>
    public static IServiceCollection AddQueueHandler<THandler>(this IServiceCollection services, string? queue = null)
        where THandler : class => services.AddQueueHandler(typeof(THandler), queue);

    /// <summary>Registers one handler class on its <see cref="QueueAttribute"/>'s queue, or on <paramref name="queue"/>.</summary>
    public static IServiceCollection AddQueueHandler(this IServiceCollection services, Type handlerType, string? queue = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var registration = QueueHandlerRegistration.For(handlerType, queue);
        if (!services.Any(d => d.ServiceType == typeof(QueueHandlerRegistration) && d.ImplementationInstance is QueueHandlerRegistration r && r.HandlerType == handlerType && r.Queue == registration.Queue))
        {
            services.AddSingleton(registration);
            services.TryAddTransient(handlerType);
        }

        return services;
    }

    /// <summary>Registers every concrete class of <paramref name="assembly"/> that has a <see cref="QueueAttribute"/>.</summary>
    public static IServiceCollection AddQueueHandlers(this IServiceCollection services, Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false } && t.IsDefined(typeof(QueueAttribute), inherit: false)))
        {
            services.AddQueueHandler(type);
        }

        return services;
    }
}
