using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Outbox;

namespace QueueActors.Host.Outbox;

/// <summary>Runs the node's <see cref="OutboxRelay"/> for as long as the node runs (<c>queueactors.outbox.enabled</c>); the container disposes the relay.</summary>
internal sealed class OutboxRelayService(OutboxRelay relay, ILogger<OutboxRelayService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await relay.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
        {
            // Not expected (the relay retries every outage itself); logged so that a stopped relay is never silent.
            logger.LogError(ex, "The outbox relay stopped");
            throw;
        }
    }
}
