using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using QueueActors.Actors.Push;

namespace QueueActors.Host.Web.Push;

/// <summary>
/// <c>GET /push/poll?channel=…&amp;after=&lt;id&gt;&amp;timeout=&lt;seconds&gt;</c>: the events after <c>after</c> as JSON
/// (<c>{"events":[{"id","channel","event","data"}],"last":"&lt;id&gt;"}</c>), waiting up to <c>timeout</c> (at most
/// <see cref="PushSettings.PollTimeout"/>, also the default) when there are none yet. Without <c>after</c> it answers
/// as soon as it knows where each channel is: the <c>last</c> to poll after next.
/// </summary>
public static class PushLongPoll
{
    public static async Task<IResult> ServeAsync(HttpContext context, ClientPushHub hub)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(hub);
        var (request, error) = PushRequest.Read(context.Request, context.Request.Query["after"].ToString());
        if (request is null)
        {
            return Results.BadRequest(error);
        }

        var timeout = hub.Settings.PollTimeout;
        if (context.Request.Query["timeout"].ToString() is { Length: > 0 } given)
        {
            if (!double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) || !double.IsFinite(seconds) || seconds < 0)
            {
                return Results.BadRequest($"timeout is a number of seconds (at most {hub.Settings.PollTimeout.TotalSeconds})\n");
            }

            timeout = TimeSpan.FromSeconds(Math.Min(seconds, hub.Settings.PollTimeout.TotalSeconds));
        }

        using var subscription = hub.Subscribe(request.Channels, request.After);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        wait.CancelAfter(timeout);
        var events = new JsonArray();
        var located = new HashSet<string>(StringComparer.Ordinal);
        try
        {
            // Until an event (then whatever else is already there), or, with no position given, until every channel's is known.
            while (events.Count == 0 && (request.After is not null || located.Count < request.Channels.Count)
                && await subscription.Deliveries.WaitToReadAsync(wait.Token).ConfigureAwait(false))
            {
                while (subscription.Deliveries.TryRead(out var delivery))
                {
                    located.Add(delivery.Channel);
                    var id = subscription.Advance(delivery);
                    if (delivery.Kind != PushDeliveryKind.Position)
                    {
                        events.Add(new JsonObject
                        {
                            ["id"] = id,
                            ["channel"] = delivery.Channel,
                            ["event"] = delivery.Event?.EventType ?? PushEventType.Reset,
                            ["data"] = delivery.Event is { } pushed ? JsonNode.Parse(pushed.Data) : null,
                        });
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            // nothing within the timeout: an empty answer
        }
        catch (PushClientTooSlowException)
        {
            // more than client-buffer at once: the answer holds what was read; the next poll goes on from there
        }

        return Results.Json(new JsonObject { ["events"] = events, ["last"] = subscription.Cursor.ToString() });
    }
}
