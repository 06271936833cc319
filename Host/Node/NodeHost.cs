using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace QueueActors.Host.Node;

/// <summary>
/// The generic host around a node: console logging, SIGTERM and Ctrl-C as a graceful stop, and a
/// shutdown timeout taken from the same setting that bounds the drain of in-flight work.
/// </summary>
public static class NodeHost
{
    public static async Task RunAsync(NodeOptions options, CancellationToken cancellationToken = default)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.Node.ShutdownTimeout);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<NodeService>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
