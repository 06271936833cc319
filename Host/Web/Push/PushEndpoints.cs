using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QueueActors.Actors.Push;

namespace QueueActors.Host.Web.Push;

/// <summary>The node's <c>/push</c> endpoints (<see cref="PushEventStream"/>, <see cref="PushLongPoll"/>), behind the listener's token gate like the rest.</summary>
public static class PushEndpoints
{
    public static IEndpointRouteBuilder MapPush(this IEndpointRouteBuilder app, ClientPushHub hub)
    {
        app.MapGet("/push/sse", (HttpContext context) => PushEventStream.ServeAsync(context, hub));
        app.MapGet("/push/poll", async (HttpContext context) => await (await PushLongPoll.ServeAsync(context, hub).ConfigureAwait(false)).ExecuteAsync(context).ConfigureAwait(false));
        return app;
    }
}
