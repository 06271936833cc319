using Microsoft.Data.Sqlite;

namespace QueueActors.Actors.Persistence.Sqlite;

/// <summary>A unit of write work queued to <see cref="SqliteDatabase"/>'s writer; run inside a savepoint of a shared transaction.</summary>
internal abstract class SqliteWrite
{
    /// <summary>Whether the commit must reach the disk before the caller is answered (see <see cref="SqliteDatabase"/>).</summary>
    public bool Durable { get; init; } = true;

    /// <summary>True (and the caller told) when the caller gave up before the write ran: it is skipped.</summary>
    public abstract bool TryAbandon();

    /// <summary>Runs the work; an exception rolls back only this write's savepoint.</summary>
    public abstract void Run(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>After the commit: the caller gets the result.</summary>
    public abstract void Complete();

    public abstract void Fail(Exception exception);
}

/// <summary>A write returning <typeparamref name="T"/> to its caller once committed.</summary>
internal sealed class SqliteWrite<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) : SqliteWrite
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    public Task<T> Task => _done.Task;

    public override bool TryAbandon() => cancellationToken.IsCancellationRequested && _done.TrySetCanceled(cancellationToken);

    public override void Run(SqliteConnection connection, SqliteTransaction transaction) => _result = work(connection, transaction);

    public override void Complete() => _done.TrySetResult(_result);

    public override void Fail(Exception exception) => _done.TrySetException(exception);
}
