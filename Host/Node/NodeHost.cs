using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Xmpp;

namespace QueueActors.Host.Node;

/// <summary>
/// The generic host around a node:
/// <list type="number">
/// <item>connects the transport first (RabbitMQ, or in-memory with a warning), so that everything in DI,
/// handlers included, can take <see cref="Actors.Messaging.IEventPublisher"/>;</item>
/// <item>registers the queue domain and the application's handlers (<paramref name="configureServices"/>);</item>
/// <item>SIGTERM and Ctrl-C stop it gracefully: the drain gets <c>shutdown-timeout</c>, and the host a little
/// more to close the broker connections after it.</item>
/// </list>
/// </summary>
public static class NodeHost
{
    private static readonly TimeSpan CloseMargin = TimeSpan.FromSeconds(10);

    public static async Task RunAsync(NodeOptions options, Action<IServiceCollection>? configureServices = null, CancellationToken cancellationToken = default)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddNodeConsole();
        using var transportLogging = ConsoleLogging.CreateFactory();
        var transport = await TransportFactory.CreateAsync(options, transportLogging, cancellationToken).ConfigureAwait(false);
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Node.ShutdownTimeout + CloseMargin);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(transport);
        builder.Services.AddSingleton(options.Messaging);
        builder.Services.AddSingleton(options.Processing);
        builder.Services.AddSingleton(options.Node);
        if (options.Xmpp.Enabled)
        {
            // Handlers send stanzas through the outbox queue, whichever node holds the connection.
            builder.Services.AddSingleton<IXmppOutbox>(await TransportXmppOutbox.CreateAsync(transport, options.Xmpp, cancellationToken: cancellationToken).ConfigureAwait(false));
        }

        builder.Services.AddQueueActors(options.Config);
        configureServices?.Invoke(builder.Services);
        builder.Services.AddHostedService<NodeService>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
