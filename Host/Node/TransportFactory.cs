using Microsoft.Extensions.Logging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;
using QueueActors.Actors.Transport.RabbitMq;

namespace QueueActors.Host.Node;

/// <summary>The node's transport: RabbitMQ when servers are configured, else in-memory (and a warning that nothing is durable).</summary>
public static class TransportFactory
{
    public static async Task<ITransport> CreateAsync(NodeOptions options, ILoggerFactory loggerFactory, CancellationToken cancellationToken = default)
    {
        if (options.Broker.Servers.Count > 0)
        {
            return await RabbitMqTransport.ConnectAsync(options.Broker, loggerFactory, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }

        NodeLog.InMemoryTransport(loggerFactory.CreateLogger(typeof(TransportFactory).FullName!));
        return new InMemoryTransport(TimeProvider.System, loggerFactory.CreateLogger<InMemoryTransport>());
    }
}
