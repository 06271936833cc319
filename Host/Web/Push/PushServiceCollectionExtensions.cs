using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QueueActors.Actors.Config;
using QueueActors.Actors.Push;

namespace QueueActors.Host.Web.Push;

/// <summary>The node's wiring of events pushed to clients.</summary>
public static class PushServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IClientPush"/> (for handlers) and <see cref="ClientPushHub"/> (for <c>/push</c>), and the
    /// service that starts the channels' owners once the actor system runs: register it after Akka.Hosting's.
    /// </summary>
    /// <exception cref="HoconException">A <c>queueactors.push</c> setting is not valid.</exception>
    public static IServiceCollection AddClientPush(this IServiceCollection services, HoconConfig config)
    {
        var settings = PushSettings.FromConfig(config);
        services.AddSingleton(settings);
        services.TryAddSingleton(sp => new ClientPushHub(settings, sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton<IClientPush>(sp => sp.GetRequiredService<ClientPushHub>());
        services.AddHostedService<PushRegionService>();
        return services;
    }
}
