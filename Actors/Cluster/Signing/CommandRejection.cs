namespace QueueActors.Actors.Cluster.Signing;

/// <summary>Why a control command was not accepted.</summary>
public enum CommandRejection
{
    /// <summary>It carried no signature at all.</summary>
    Unsigned,

    /// <summary>Its signature headers are incomplete or unreadable.</summary>
    Malformed,

    /// <summary>The MAC does not match: another secret, or a body, timestamp or nonce changed after signing.</summary>
    Forged,

    /// <summary>Signed longer ago (or further ahead) than the maximum age allows.</summary>
    Stale,

    /// <summary>Its nonce was seen already within the maximum age: a replay.</summary>
    Replayed,

    /// <summary>
    /// Signed before this receiver started, less the clock skew: a command captured before a restart and replayed
    /// after it (the nonces of before the restart are not all remembered, so its age alone cannot clear it).
    /// </summary>
    PredatesStart,
}
