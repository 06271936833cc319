using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Signing;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>
/// The way in from the channel, for nodes and clients alike: 1. byte-identical copies are dropped (one debug
/// line per message); 2. the envelope is read (unreadable: one warning); 3. messages not addressed to this
/// receiver are ignored before verification, so other parties' traffic costs no MAC and fills no nonce cache;
/// 4. the signature is verified (the verifier logs each rejection once). Only what passes all four is returned.
/// </summary>
internal sealed class ControlReceiver(CommandVerifier verifier, DuplicateFilter duplicates, ILogger logger)
{
    /// <summary>The message if it is new, readable, addressed here (<paramref name="isForMe"/>) and correctly signed; else null.</summary>
    public ControlMessage? Accept(ReadOnlyMemory<byte> wire, Func<ControlMessage, bool> isForMe)
    {
        switch (duplicates.Check(wire.Span))
        {
            case DuplicateFilter.Verdict.FirstDuplicate:
                ControlLog.DuplicateDropped(logger, wire.Length);
                return null;
            case DuplicateFilter.Verdict.Duplicate:
                return null;
        }

        if (!ControlWire.TryOpen(wire, out var opened, out var error))
        {
            ControlLog.Unreadable(logger, error!);
            return null;
        }

        if (!isForMe(opened!.Message))
        {
            return null;
        }

        return verifier.Verify(opened.Body, opened.Headers).IsAccepted ? opened.Message : null;
    }
}
