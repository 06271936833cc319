using QueueActors.Actors.Transport.RabbitMq;

namespace QueueActors.Tests.Transport.RabbitMq;

/// <summary>RabbitMQ transports for tests: quick reconnection so broker restarts do not slow the suite.</summary>
public static class TestTransports
{
    public static Task<RabbitMqTransport> ConnectAsync(params Uri[] servers) => RabbitMqTransport.ConnectAsync(Options(servers));

    public static RabbitMqTransportOptions Options(params Uri[] servers) => new()
    {
        Servers = servers,
        ClientName = "queueactors-tests",
        InitialReconnectInterval = TimeSpan.FromMilliseconds(200),
        MaxReconnectInterval = TimeSpan.FromSeconds(1),
        PublishTimeout = TimeSpan.FromSeconds(5),
    };
}
