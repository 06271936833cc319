namespace QueueActors.Actors.Transport.Sql;

/// <summary>A delivery of a claimed message row; settling it deletes, releases or dead-letters the row if the claim still holds.</summary>
internal sealed class SqlDelivery(SqlMessage message, SqlSubscription owner) : Delivery(message.Envelope, message.Claim.Attempts)
{
    public SqlClaim Claim { get; } = message.Claim;

    protected override ValueTask AckCoreAsync(CancellationToken cancellationToken) => owner.SettleAsync(this, requeue: null, cancellationToken);

    protected override ValueTask RejectCoreAsync(bool requeue, CancellationToken cancellationToken) => owner.SettleAsync(this, requeue, cancellationToken);
}
