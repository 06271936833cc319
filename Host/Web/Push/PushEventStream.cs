using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using QueueActors.Actors.Push;

namespace QueueActors.Host.Web.Push;

/// <summary>
/// <c>GET /push/sse</c>: the client's events as server-sent events, each with an <c>id:</c> (its cursor: hand it back as
/// <c>Last-Event-ID</c>, which EventSource does by itself, or <c>?lastEventId=</c> for polyfills), a comment line every
/// <see cref="PushSettings.Heartbeat"/> when idle, <c>: at &lt;channel&gt;</c> once subscribed to a channel, and a <c>reset</c> event for a channel whose position is no longer
/// held. A client cut off for falling behind sees its connection aborted.
/// </summary>
public static class PushEventStream
{
    public static async Task ServeAsync(HttpContext context, ClientPushHub hub)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(hub);
        var (request, error) = PushRequest.Read(context.Request, context.Request.Headers["Last-Event-ID"].ToString(), context.Request.Query["lastEventId"].ToString());
        if (request is null)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync(error!, context.RequestAborted).ConfigureAwait(false);
            return;
        }

        using var subscription = hub.Subscribe(request.Channels, request.After);
        using var abort = subscription.CutOff.Register(context.Abort);
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no"; // nginx: do not buffer the stream
        var closed = context.RequestAborted;
        var output = new StringBuilder(": connected\n\n");
        try
        {
            while (!closed.IsCancellationRequested)
            {
                await response.WriteAsync(output.ToString(), closed).ConfigureAwait(false);
                await response.Body.FlushAsync(closed).ConfigureAwait(false);
                output.Clear();
                using var beat = CancellationTokenSource.CreateLinkedTokenSource(closed);
                beat.CancelAfter(hub.Settings.Heartbeat);
                try
                {
                    if (!await subscription.Deliveries.WaitToReadAsync(beat.Token).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                catch (OperationCanceledException) when (!closed.IsCancellationRequested)
                {
                    output.Append(": heartbeat\n\n");
                    continue;
                }

                while (subscription.Deliveries.TryRead(out var delivery))
                {
                    Append(output, delivery, subscription.Advance(delivery));
                }
            }
        }
        catch (Exception stopped) when (stopped is OperationCanceledException or PushClientTooSlowException or IOException)
        {
            // the client went away, or was cut off (its connection is aborted)
        }
    }

    private static void Append(StringBuilder output, PushDelivery delivery, string id)
    {
        switch (delivery.Kind)
        {
            case PushDeliveryKind.Event:
                output.Append("id: ").Append(id).Append("\nevent: ").Append(delivery.Event!.EventType).Append("\ndata: ").Append(delivery.Event.Data).Append("\n\n");
                break;
            case PushDeliveryKind.Position:
                output.Append(": at ").Append(delivery.Channel).Append("\n\n"); // subscribed (a comment: EventSource ignores it)
                break;
            case PushDeliveryKind.Reset:
                output.Append("id: ").Append(id).Append("\nevent: ").Append(PushEventType.Reset).Append("\ndata: ")
                    .Append(JsonSerializer.Serialize(new { channel = delivery.Channel })).Append("\n\n");
                break;
        }
    }
}
