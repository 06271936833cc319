using QueueActors.Actors.Transport.Sql;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// The end of a kill test on a SQL transport. Handled markers alone are not enough: an event whose marker a killed
/// process wrote just before its ack comes back and runs again. Settled is nothing ready on the queue and nobody
/// holding a claim.
/// </summary>
public static class SqlQueueSettled
{
    public static async Task<bool> IsSettledAsync(SqlTransport transport, string brokerQueue) =>
        (await transport.GetStatusAsync(brokerQueue)).MessagesReady == 0
        && (await transport.Store.ClaimingInstancesAsync(DateTimeOffset.UtcNow, CancellationToken.None)).Count == 0;
}
