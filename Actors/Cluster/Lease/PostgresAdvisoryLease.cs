using Akka.Actor;
using Akka.Coordination;
using Npgsql;
using QueueActors.Actors.Persistence.Postgres;

namespace QueueActors.Actors.Cluster.Lease;

/// <summary>
/// A lease on PostgreSQL: a session-level advisory lock (<c>pg_try_advisory_lock</c>) keyed by the lease name
/// (<c>hashtextextended('queueactors.lease.' || name, 0)</c>), taken on an unpooled connection of its own that
/// stays open while the lease is held. PostgreSQL frees the lock when that session ends: at once when the
/// holder's process dies (its socket closes), within about <c>heartbeat-timeout</c> when its machine or
/// network goes silent (the session asks the server for TCP keepalives and a TCP user timeout of that length).
/// Its config block (<see cref="TransportLeaseHocon.PostgresPath"/>) carries <c>connection-string</c>, the
/// Npgsql connection string (never logged).
/// </summary>
public sealed class PostgresAdvisoryLease : HeldWhileOpenLease
{
    /// <summary>The key of the lease's config block that holds the Npgsql connection string.</summary>
    public const string ConnectionStringKey = "connection-string";

    private readonly string _connectionString;

    /// <summary>Made by Akka's <see cref="LeaseProvider"/> from the config block named by its config path.</summary>
    public PostgresAdvisoryLease(LeaseSettings settings, ExtendedActorSystem system) : base(settings, system)
    {
        var text = settings.LeaseConfig.GetString(ConnectionStringKey, null);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"Lease {settings.LeaseName}: its config block has no {ConnectionStringKey}.", nameof(settings));
        }

        _connectionString = SessionConnectionString(text, settings.TimeoutSettings, settings.OwnerName);
        Resource = "PostgreSQL " + PostgresSettings.Mask(text);
    }

    /// <inheritdoc />
    protected override string Resource { get; }

    /// <summary>The advisory lock's key text: the lock is <c>hashtextextended(key, 0)</c>.</summary>
    public static string LockKey(string leaseName) => "queueactors.lease." + leaseName;

    private protected override async Task<LeaseHold?> TryTakeAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(hashtextextended(@key, 0))", connection);
            command.Parameters.AddWithValue("key", LockKey(Settings.LeaseName));
            if (await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true)
            {
                return new PostgresHold(connection, LockKey(Settings.LeaseName));
            }
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        await connection.DisposeAsync().ConfigureAwait(false);
        return null;
    }

    /// <summary>
    /// Unpooled (closing the connection must end the session, or the lock would outlive the release), with
    /// timeouts from the lease's settings, and the server told to drop the session once the client has been
    /// silent for about heartbeat-timeout (tcp_keepalives_*, tcp_user_timeout: settable by any user).
    /// </summary>
    private static string SessionConnectionString(string connectionString, TimeoutSettings timeouts, string owner)
    {
        var interval = Math.Max(1, (int)timeouts.HeartbeatInterval.TotalSeconds);
        var probes = Math.Max(1, (int)(timeouts.HeartbeatTimeout.TotalSeconds / interval) - 1);
        var operation = Math.Max(1, (int)Math.Ceiling(timeouts.OperationTimeout.TotalSeconds));
        var builder = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            Timeout = operation,
            CommandTimeout = operation,
            KeepAlive = interval,
            ApplicationName = Truncate("qa-lease " + owner, 63),
        };
        var serverOptions = $"-c tcp_keepalives_idle={interval} -c tcp_keepalives_interval={interval} -c tcp_keepalives_count={probes} -c tcp_user_timeout={(long)timeouts.HeartbeatTimeout.TotalMilliseconds}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? serverOptions : builder.Options + " " + serverOptions;
        return builder.ConnectionString;
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    private sealed class PostgresHold : LeaseHold
    {
        private readonly NpgsqlConnection _connection;
        private readonly string _key;

        public PostgresHold(NpgsqlConnection connection, string key)
        {
            _connection = connection;
            _key = key;
            _connection.StateChange += (_, change) =>
            {
                if (change.CurrentState is System.Data.ConnectionState.Closed or System.Data.ConnectionState.Broken)
                {
                    MarkClosed();
                }
            };
        }

        public override bool IsOpen => _connection.FullState.HasFlag(System.Data.ConnectionState.Open);

        public override async Task CheckAsync(CancellationToken cancellationToken)
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// Unlocks first, so the next owner can lock as soon as this returns (the server ends a closed session a
        /// moment after the client has gone); ending the session would free the lock anyway.
        /// </summary>
        public override async ValueTask DisposeAsync()
        {
            try
            {
                if (IsOpen)
                {
                    await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(hashtextextended(@key, 0))", _connection);
                    command.Parameters.AddWithValue("key", _key);
                    await command.ExecuteScalarAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException)
            {
                // the session is gone, and the lock with it
            }
            finally
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
