using Akka.Actor;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing.Metrics;
using QueueActors.Actors.Push;
using QueueActors.Host.Node;
using QueueActors.Host.Web.Push;
using QueueActors.Host.Web.Status;

namespace QueueActors.Host.Web;

/// <summary>
/// The node's HTTP listener, a hosted service of the node's generic host: a small Kestrel application of its own
/// (so the node's host stays a plain generic host) serving <c>/metrics</c> in the Prometheus text format through the
/// OpenTelemetry exporter: the <see cref="QueueActorsMetrics"/> meter, the .NET runtime (GC, heap, thread pool) and
/// the process (memory, CPU); on a seed (the embedded node is one) also the status page (<see cref="StatusPage"/>). With a
/// token (<see cref="HttpSettings.Token"/>) every request must show it (<see cref="TokenGate"/>). Registered between Akka.Hosting's service and NodeService: it starts after the actor system and
/// before the node says it is up, and stops after the node's drain.
/// </summary>
public sealed class NodeWebServer(HttpSettings settings, NodeSettings node, IServiceProvider nodeServices, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;
    private IDisposable? _members;

    /// <summary>The address it listens on, once started (<c>http://127.0.0.1:port</c>).</summary>
    public Uri? Url { get; private set; }

    /// <summary>The status page's address, once started, on a node that serves it (a seed); else null.</summary>
    public Uri? StatusPageUrl { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var system = nodeServices.GetRequiredService<ActorSystem>();
        _members = QueueActorsMetrics.ObserveMembers(() => ClusterMembersGauge.Observe(system));
        var page = node.Roles.Contains(NodeSettings.SeedRole);
        var push = nodeServices.GetService<ClientPushHub>() is { Settings.Enabled: true } hub ? hub : null; // /push/sse, /push/poll
        _app = Build(settings, page ? nodeServices : null, push);
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
        Url = new Uri(_app.Urls.First());
        var logger = loggerFactory.CreateLogger<NodeWebServer>();
        WebLog.Listening(logger, node.Name, new Uri(Url, "metrics").ToString());
        if (page)
        {
            StatusPageUrl = new Uri(Url, "/");
            if (nodeServices.GetService<NodeRuntime>() is { } runtime)
            {
                runtime.StatusPage = StatusPageUrl; // for `status` and `cluster show`
            }

            WebLog.StatusPage(logger, node.Name, StatusPageUrl.ToString());
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _members?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _members?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The Kestrel application (also built by the metrics benchmark).</summary>
    /// <param name="settings">The listener's settings.</param>
    /// <param name="statusPageOf">The node's services, to serve its status page; null: <c>/metrics</c> only.</param>
    /// <param name="push">The node's push hub, to serve <c>/push</c> (<see cref="PushEndpoints"/>); null: none.</param>
    public static WebApplication Build(HttpSettings settings, IServiceProvider? statusPageOf = null, ClientPushHub? push = null)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.UseUrls($"http://{settings.Hostname}:{settings.Port}");
        builder.Services.AddSingleton<IHostLifetime, HostOwnedLifetime>();
        // Its own console logging, warnings and up: not a line per scrape.
        builder.Logging.AddNodeConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(QueueActorsMetrics.MeterName)
            .AddRuntimeInstrumentation()
            .AddProcessInstrumentation()
            .AddPrometheusExporter(prometheus =>
            {
                prometheus.ScrapeResponseCacheDurationMilliseconds = 0; // a scrape every few seconds at most: always fresh
                prometheus.ScopeInfoEnabled = false; // otel_scope_* labels on every sample: a third of the size, no information
            }));
        if (statusPageOf is not null || push is not null)
        {
            builder.Services.AddRouting();
        }

        if (statusPageOf is not null)
        {
            // The antiforgery tokens' keys stay in memory (MemoryXmlRepository), so they need no encryption at rest.
            builder.Services.AddDataProtection();
            builder.Services.Configure<KeyManagementOptions>(keys =>
            {
                keys.XmlRepository = new MemoryXmlRepository();
                keys.XmlEncryptor = new NullXmlEncryptor();
            });
            builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error); // "keys unencrypted": in memory, on purpose
            builder.Services.AddStatusPage(statusPageOf, statusPageOf.GetRequiredService<NodeSettings>().Name);
        }

        var app = builder.Build();
        if (settings.Token is { } token)
        {
            app.UseMiddleware<TokenGate>(token);
        }

        app.UseOpenTelemetryPrometheusScrapingEndpoint();
        if (statusPageOf is not null || push is not null)
        {
            app.UseRouting();
        }

        if (push is not null)
        {
            app.MapPush(push);
        }

        if (statusPageOf is not null)
        {
            app.UseAntiforgery();
            app.MapStatusPage();
        }

        return app;
    }
}
