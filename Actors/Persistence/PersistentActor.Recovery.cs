using System.Diagnostics;

namespace QueueActors.Actors.Persistence;

/// <summary>Recovery: the snapshot, then the journal a page per turn, then the stashed commands.</summary>
public abstract partial class PersistentActor
{
    private long _recoveryStarted;
    private bool _snapshotLoaded;

    private async ValueTask ReplayPageAsync()
    {
        try
        {
            if (!_snapshotLoaded)
            {
                _recoveryStarted = Stopwatch.GetTimestamp();
                await OfferSnapshotAsync().ConfigureAwait(false);
                _snapshotLoaded = true;
            }

            var batch = Stores.Settings.ReplayBatchSize;
            var page = await Stores.Journal.ReadAsync(PersistenceId, LastSequenceNr + 1, batch, Context.CancellationToken).ConfigureAwait(false);
            foreach (var entry in page)
            {
                ReceiveRecover(Stores.Serializer.Deserialize(entry.Manifest, entry.Payload));
                LastSequenceNr = entry.SequenceNr;
            }

            if (page.Count == batch)
            {
                // More may follow: replay it on a later turn, so that a stop is honoured between pages.
                Self.Tell(new ReplayNext(_incarnation), Self);
                return;
            }

            // Deleted events leave no row but keep their numbers: go on after the highest ever written.
            LastSequenceNr = Math.Max(LastSequenceNr, await Stores.Journal.ReadHighestSequenceNrAsync(PersistenceId, Context.CancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            PersistenceLog.RecoveryFailed(Context.Log, ex, PersistenceId, LastSequenceNr + 1);
            throw;
        }

        IsRecovering = false;
        PersistenceLog.Recovered(Context.Log, PersistenceId, LastSequenceNr, SnapshotSequenceNr, (long)Stopwatch.GetElapsedTime(_recoveryStarted).TotalMilliseconds);
        ReceiveRecover(RecoveryCompleted.Instance);
        Context.Stash.UnstashAll();
    }

    private async ValueTask OfferSnapshotAsync()
    {
        var snapshot = await Stores.Snapshots.LoadLatestAsync(PersistenceId, Context.CancellationToken).ConfigureAwait(false);
        if (snapshot is not null)
        {
            ReceiveRecover(new SnapshotOffer(snapshot.SequenceNr, Stores.Serializer.Deserialize(snapshot.Manifest, snapshot.Payload)));
            LastSequenceNr = snapshot.SequenceNr;
            SnapshotSequenceNr = snapshot.SequenceNr;
        }
    }
}
