using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;

namespace QueueActors.Host.Web.Status;

/// <summary>
/// The status page on the node's HTTP listener: <c>/</c> (HTML, script and style embedded in the assembly, no build
/// step, nothing from a CDN), <c>/api/status</c> (the latest snapshot), <c>/api/events</c> (a snapshot a second as
/// server-sent events), <c>/api/dead/show</c>, and the POSTs of its buttons. Every POST binds a form, so ASP.NET Core's
/// antiforgery checks it: the page carries the request token (its cookie is set with it) and sends it as a header.
/// </summary>
public static class StatusPage
{
    private const string TokenPlaceholder = "{{request-verification-token}}";

    /// <summary>The page's services, built from the node's (the page's application has a container of its own).</summary>
    public static IServiceCollection AddStatusPage(this IServiceCollection services, IServiceProvider nodeServices, string nodeName)
    {
        var runtime = nodeServices.GetRequiredService<NodeRuntime>();
        services.AddSingleton(new StatusCollector(runtime, nodeServices.GetRequiredService<ITransport>(), nodeName, nodeServices.GetService<ProcessingSettings>()?.RetryBackoff));
        services.AddSingleton(new StatusActions(runtime));
        services.AddSingleton<StatusFeed>();
        services.AddHostedService(sp => sp.GetRequiredService<StatusFeed>());
        services.AddAntiforgery();
        return services;
    }

    public static IEndpointRouteBuilder MapStatusPage(this IEndpointRouteBuilder app)
    {
        var page = Asset("index.html");
        app.MapGet("/", (HttpContext context, IAntiforgery antiforgery) =>
        {
            var tokens = antiforgery.GetAndStoreTokens(context); // the cookie half goes with this response
            // Only its own script, style and requests: a name from the cluster that slipped into the HTML could run nothing.
            context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'";
            return Results.Content(page.Replace(TokenPlaceholder, WebUtility.HtmlEncode(tokens.RequestToken), StringComparison.Ordinal), "text/html; charset=utf-8");
        });
        var script = Asset("status.js");
        app.MapGet("/status.js", () => Results.Content(script, "text/javascript; charset=utf-8"));
        var style = Asset("status.css");
        app.MapGet("/status.css", () => Results.Content(style, "text/css; charset=utf-8"));

        app.MapGet("/api/status", (StatusFeed feed) =>
        {
            feed.Watched();
            return feed.Latest is { } latest ? Results.Ok(latest) : Results.StatusCode(StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/api/events", (StatusFeed feed, CancellationToken cancellationToken) => TypedResults.ServerSentEvents(feed.FollowAsync(cancellationToken), "status"));
        app.MapGet("/api/dead/show", async (string id, StatusActions actions, CancellationToken cancellationToken) =>
            await actions.ShowDeadAsync(id, cancellationToken).ConfigureAwait(false));

        app.MapPost("/api/queues/pause", async ([FromForm] string queue, [FromForm] string? site, StatusActions actions, CancellationToken cancellationToken) =>
            await actions.PauseAsync(queue, site, pause: true, cancellationToken).ConfigureAwait(false));
        app.MapPost("/api/queues/resume", async ([FromForm] string queue, [FromForm] string? site, StatusActions actions, CancellationToken cancellationToken) =>
            await actions.PauseAsync(queue, site, pause: false, cancellationToken).ConfigureAwait(false));
        app.MapPost("/api/dead/replay", async ([FromForm] string id, StatusActions actions, StatusCollector collector, CancellationToken cancellationToken) =>
        {
            var outcome = await actions.ReplayDeadAsync(id, cancellationToken).ConfigureAwait(false);
            collector.DeadLettersChanged();
            return outcome;
        });
        app.MapPost("/api/dead/purge", async ([FromForm(Name = "older-than")] string? olderThan, StatusActions actions, StatusCollector collector, CancellationToken cancellationToken) =>
        {
            var outcome = await actions.PurgeDeadAsync(olderThan, cancellationToken).ConfigureAwait(false);
            collector.DeadLettersChanged();
            return outcome;
        });
        return app;
    }

    private static string Asset(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("QueueActors.Web.Status." + name)
            ?? throw new InvalidOperationException($"the status page's {name} is not embedded in the assembly");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
