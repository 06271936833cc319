using Akka.Actor;

namespace QueueActors.Actors.Processing.DeadLetters.Store;

/// <summary>
/// Typed, awaitable calls to a <see cref="DeadLetterStore"/> (for the control channel and tests). Each call asks the
/// store and waits up to the timeout (default <see cref="DefaultTimeout"/>); a rejected command throws its cause
/// (<see cref="ArgumentException"/>), no reply in time throws <see cref="AskTimeoutException"/>.
/// </summary>
public sealed class DeadLetterStoreClient(IActorRef store, TimeSpan? timeout = null)
{
    /// <summary>How long a call waits when no timeout is given.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The store asked.</summary>
    public IActorRef Store { get; } = store ?? throw new ArgumentNullException(nameof(store));

    /// <summary>Records <paramref name="record"/>; returns once it is persisted (idempotent by id).</summary>
    public Task<DeadLetterRecorded> RecordAsync(DeadLetterRecord record, CancellationToken cancellationToken = default) =>
        AskAsync<DeadLetterRecorded>(new RecordDeadLetter(record), cancellationToken);

    /// <summary>The dead letters, oldest first, of <paramref name="site"/> and/or <paramref name="queue"/> when given, at most <paramref name="limit"/>.</summary>
    public Task<DeadLetterList> ListAsync(string? site = null, string? queue = null, int limit = ListDeadLetters.DefaultLimit, CancellationToken cancellationToken = default) =>
        AskAsync<DeadLetterList>(new ListDeadLetters(site, queue, limit), cancellationToken);

    /// <summary>One dead letter; null when the store holds none with <paramref name="id"/>.</summary>
    public async Task<DeadLetterEntry?> ShowAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await AskEitherAsync(new ShowDeadLetter(id), cancellationToken) switch
        {
            DeadLetterEntry entry => entry,
            DeadLetterNotFound => null,
            var other => throw Unexpected(other),
        };
    }

    /// <summary>Publishes one dead letter again; an unknown id comes back as a failure naming it.</summary>
    public async Task<DeadLettersReplayed> ReplayAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return await AskEitherAsync(ReplayDeadLetters.One(id), cancellationToken) switch
        {
            DeadLettersReplayed replayed => replayed,
            DeadLetterNotFound => new DeadLettersReplayed([], [new DeadLetterReplayFailure(id, $"No dead letter has id {id}.")]),
            var other => throw Unexpected(other),
        };
    }

    /// <summary>Publishes again every dead letter not replayed yet (of <paramref name="queue"/> only, when given).</summary>
    public Task<DeadLettersReplayed> ReplayAllAsync(string? queue = null, CancellationToken cancellationToken = default) =>
        AskAsync<DeadLettersReplayed>(ReplayDeadLetters.All(queue), cancellationToken);

    /// <summary>Deletes all dead letters, or those whose last failure is older than <paramref name="olderThan"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(TimeSpan? olderThan = null, CancellationToken cancellationToken = default) =>
        (await AskAsync<DeadLettersPurged>(new PurgeDeadLetters(olderThan), cancellationToken)).Count;

    private async Task<object> AskEitherAsync(object command, CancellationToken cancellationToken)
    {
        var reply = await Store.Ask<object>(command, timeout ?? DefaultTimeout, cancellationToken);
        return reply is Status.Failure failure ? throw failure.Cause : reply;
    }

    private async Task<T> AskAsync<T>(object command, CancellationToken cancellationToken) =>
        await AskEitherAsync(command, cancellationToken) is T reply ? reply : throw new InvalidCastException($"Dead-letter store {Store.Path} did not reply with a {typeof(T).Name}.");

    private InvalidCastException Unexpected(object reply) => new($"Dead-letter store {Store.Path} replied with an unexpected {reply.GetType().Name}.");
}
