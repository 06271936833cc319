using Akka.Actor;
using Microsoft.Extensions.Hosting;
using QueueActors.Actors.Push;

namespace QueueActors.Host.Web.Push;

/// <summary>Starts the channels' owners (<see cref="ClientPushHub.Start"/>) on the node's actor system, once it runs.</summary>
public sealed class PushRegionService(ClientPushHub hub, ActorSystem system) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        hub.Start(system);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask; // the region stops with the actor system
}
