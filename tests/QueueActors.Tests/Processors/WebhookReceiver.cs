using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace QueueActors.Tests.Processors;

/// <summary>
/// A real HTTP server (Kestrel on a free 127.0.0.1 port) for the webhook tests. <c>POST /{name}</c> answers with the
/// status <see cref="Script"/> gives for (name, how many requests that name had before) and records each request;
/// a negative status means "hang until the client gives up".
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);

    private WebhookReceiver(WebApplication app) => _app = app;

    /// <summary>The base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; private set; } = "";

    /// <summary>(name, earlier requests to it) → status to answer.</summary>
    public Func<string, int, int> Script { get; set; } = (_, _) => 200;

    public ConcurrentQueue<ReceivedWebhook> Requests { get; } = new();

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/{name}", receiver.ReceiveAsync);
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return receiver;
    }

    public string Url(string name) => $"{BaseUrl}/{name}";

    public ValueTask DisposeAsync() => _app.DisposeAsync();

    private async Task ReceiveAsync(HttpContext context, string name)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted);
        var before = _counts.AddOrUpdate(name, 1, (_, count) => count + 1) - 1;
        var status = Script(name, before);
        Requests.Enqueue(new ReceivedWebhook(
            name,
            body.ToArray(),
            context.Request.Headers["X-QueueActors-Signature"].ToString(),
            context.Request.Headers["X-QueueActors-Message-Id"].ToString(),
            context.Request.ContentType,
            status));
        if (status < 0)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        context.Response.StatusCode = status;
    }
}
