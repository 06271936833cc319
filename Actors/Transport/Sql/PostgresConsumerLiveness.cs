using Npgsql;
using QueueActors.Actors.Persistence.Postgres;

namespace QueueActors.Actors.Transport.Sql;

/// <summary>
/// Liveness of the transport instances on one PostgreSQL database: each holds the session advisory lock
/// <c>hashtextextended('queueactors.consumer.' || id, 0)</c> on a connection of its own, which PostgreSQL frees when
/// the session ends (at once when its process dies and the socket closes). The instances that hold live claims are
/// tried with <c>pg_try_advisory_lock</c> on a probe session: a lock free for <see cref="Grace"/> means that instance's
/// session is gone. A lost own session (the server restarted) is opened and locked again before each look, so after a
/// restart the live instances hold their locks again well within the grace.
/// </summary>
internal sealed class PostgresConsumerLiveness(PostgresDatabase database, ISqlQueueStore store, string instance, TimeProvider time) : ISqlConsumerLiveness
{
    /// <summary>How long an instance's lock must stay free before it counts as gone: a live one takes it again within a look or two.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);

    private readonly HashSet<string> _gone = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _freeSince = new(StringComparer.Ordinal);
    private NpgsqlConnection? _own;
    private NpgsqlConnection? _probe;

    public string Resource => "advisory locks on PostgreSQL";

    /// <summary>Takes this instance's lock, or checks that its session still holds it (and takes it again if not).</summary>
    public async Task HoldAsync(CancellationToken cancellationToken)
    {
        if (_own is not null)
        {
            try
            {
                using var ping = new NpgsqlCommand("SELECT 1", _own);
                await ping.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                await _own.DisposeAsync().ConfigureAwait(false); // the session is gone, and the lock with it
            }
        }

        _own = database.CreateUnpooledConnection();
        await _own.OpenAsync(cancellationToken).ConfigureAwait(false);
        using (var name = new NpgsqlCommand($"SET application_name = '{ApplicationNameOf(instance)}'", _own))
        {
            await name.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false); // so that pg_stat_activity shows whose lock it is
        }

        await LockAsync(_own, "pg_advisory_lock", instance, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The application_name of an instance's lock session (the id holds letters, digits, '-', '.', ':' only).</summary>
    public static string ApplicationNameOf(string instance) => "queueactors-consumer " + instance.Replace("'", "", StringComparison.Ordinal);

    public async Task<IReadOnlyList<string>> FindGoneAsync(CancellationToken cancellationToken)
    {
        await HoldAsync(cancellationToken).ConfigureAwait(false);
        var gone = new List<string>();
        var claiming = await store.ClaimingInstancesAsync(time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        foreach (var stale in _freeSince.Keys.Except(claiming).ToList())
        {
            _freeSince.Remove(stale); // no live claim any more: nothing to give back
        }

        foreach (var other in claiming)
        {
            if (other == instance || _gone.Contains(other))
            {
                continue;
            }

            var probe = await ProbeAsync(cancellationToken).ConfigureAwait(false);
            if (!await LockAsync(probe, "pg_try_advisory_lock", other, cancellationToken).ConfigureAwait(false))
            {
                _freeSince.Remove(other); // its session holds it: alive
            }
            else if (_freeSince.TryGetValue(other, out var since) && time.GetUtcNow() - since >= Grace)
            {
                _freeSince.Remove(other);
                _gone.Add(other);
                gone.Add(other);
            }
            else
            {
                // Free, but maybe only for the moment after the server restarted, before its owner took it again.
                _freeSince.TryAdd(other, time.GetUtcNow());
                await LockAsync(probe, "pg_advisory_unlock", other, cancellationToken).ConfigureAwait(false);
            }
        }

        return gone;
    }

    public async Task ForgetAsync(string instance, CancellationToken cancellationToken)
    {
        if (_gone.Remove(instance))
        {
            await LockAsync(await ProbeAsync(cancellationToken).ConfigureAwait(false), "pg_advisory_unlock", instance, cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var connection in new[] { _probe, _own })
        {
            if (connection is not null)
            {
                await connection.DisposeAsync().ConfigureAwait(false); // ends the session: its locks go with it
            }
        }
    }

    private async Task<NpgsqlConnection> ProbeAsync(CancellationToken cancellationToken)
    {
        if (_probe is not { State: System.Data.ConnectionState.Open })
        {
            if (_probe is not null)
            {
                await _probe.DisposeAsync().ConfigureAwait(false);
            }

            _gone.Clear(); // the locks taken on the lost session went with it
            _probe = database.CreateUnpooledConnection();
            await _probe.OpenAsync(cancellationToken).ConfigureAwait(false);
        }

        return _probe;
    }

    private static async Task<bool> LockAsync(NpgsqlConnection connection, string function, string instance, CancellationToken cancellationToken)
    {
        using var command = new NpgsqlCommand($"SELECT {function}(hashtextextended(@key, 0))", connection);
        command.Parameters.AddWithValue("key", "queueactors.consumer." + instance);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not false; // pg_advisory_lock returns void
    }
}
