using System.Globalization;

namespace QueueActors.Actors.Cluster.Lease;

/// <summary>
/// The Akka HOCON that makes the split brain resolver keep one side of a cluster with a lease on a backend the
/// nodes already share, for a node's Akka config in one call (<see cref="For"/>):
/// <code>
/// akka.cluster.split-brain-resolver {
///   active-strategy = lease-majority
///   lease-majority.lease-implementation = "akka.coordination.lease.queueactors-rabbitmq"   # or -postgres, -file
/// }
/// akka.coordination.lease.queueactors-rabbitmq {
///   lease-class = "QueueActors.Actors.Cluster.Lease.RabbitMqExclusiveQueueLease, QueueActors.Actors"
///   broker-uri = "amqp://user:password@host:5672/"
///   heartbeat-timeout = 10s, heartbeat-interval = 2s, lease-operation-timeout = 5s
/// }
/// </code>
/// The three config paths and their classes (all in <c>QueueActors.Actors.Cluster.Lease</c>, assembly
/// <c>QueueActors.Actors</c>), each with one key of its own besides Akka's <c>lease-class</c>,
/// <c>heartbeat-timeout</c>, <c>heartbeat-interval</c> and <c>lease-operation-timeout</c>:
/// <list type="bullet">
/// <item><see cref="RabbitMqPath"/>: <see cref="RabbitMqExclusiveQueueLease"/>, <c>broker-uri</c> (the exclusive queue <c>qa.lease.&lt;lease name&gt;</c>).</item>
/// <item><see cref="PostgresPath"/>: <see cref="PostgresAdvisoryLease"/>, <c>connection-string</c> (a session advisory lock).</item>
/// <item><see cref="FilePath"/>: <see cref="FileLockLease"/>, <c>directory</c> (an exclusive lock on <c>&lt;directory&gt;/&lt;lease name&gt;.lease</c>).</item>
/// </list>
/// Each is held while its holder's connection (or file handle) lives, so the death of the holder's process
/// frees it at once; heartbeat-timeout is how long a holder whose machine or network went silent keeps it
/// (the backend's keepalive). The lease name is the resolver's (<c>lease-majority.lease-name</c>, by default
/// <c>&lt;actor system name&gt;-akka-sbr</c>, so <c>queueactors-akka-sbr</c>). The resolver acquires the lease when
/// it must decide about unreachable members (the side in the minority, or the side without the lowest
/// address when both are equal, after <c>acquire-lease-delay-for-minority</c>); the side that gets it downs
/// the others, the side that does not downs itself. It releases the lease <c>release-after</c> (40 s) after the
/// downed members were removed.
/// </summary>
public static class TransportLeaseHocon
{
    /// <summary>The config path of the RabbitMQ lease, for <c>lease-majority.lease-implementation</c>.</summary>
    public const string RabbitMqPath = "akka.coordination.lease.queueactors-rabbitmq";

    /// <summary>The config path of the PostgreSQL lease.</summary>
    public const string PostgresPath = "akka.coordination.lease.queueactors-postgres";

    /// <summary>The config path of the file lease.</summary>
    public const string FilePath = "akka.coordination.lease.queueactors-file";

    /// <summary>
    /// The resolver's strategy and the lease block for a node's transport, the backend every node of a cluster
    /// shares: RabbitMQ when <paramref name="brokers"/> is not empty (its first URI: list the same first broker on
    /// every node), otherwise PostgreSQL when <paramref name="postgresConnectionString"/> is given (pass it when the
    /// node's transport is PostgreSQL), otherwise a file in <paramref name="dataDirectory"/> (the embedded
    /// transport: nodes on one machine). Add it so that the node's own <c>akka { }</c> can override it (with
    /// Akka.Hosting: <c>AddHocon(…, HoconAddMode.Prepend)</c> before the node's section is prepended), and leave
    /// Akka.Cluster.Hosting's <c>ClusterOptions.SplitBrainResolver</c> unset, or it replaces the strategy.
    /// The text holds the password of the URI or connection string: don't log it.
    /// </summary>
    public static string For(IReadOnlyList<Uri> brokers, string? postgresConnectionString, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(brokers);
        var (path, block) = brokers.Count > 0 ? (RabbitMqPath, RabbitMq(brokers[0]))
            : !string.IsNullOrWhiteSpace(postgresConnectionString) ? (PostgresPath, Postgres(postgresConnectionString))
            : (FilePath, File(dataDirectory));
        return LeaseMajority(path) + "\n" + block;
    }

    /// <summary>
    /// The split brain resolver's <c>lease-majority</c> strategy on the lease at <paramref name="leaseConfigPath"/>, and
    /// the cluster singletons' lease on the same backend: a singleton starts only once it holds it, so a downed
    /// member that still runs its copy blocks the next one until it stops, whatever the removal margin.
    /// </summary>
    public static string LeaseMajority(string leaseConfigPath) => $$"""
        akka.cluster.split-brain-resolver {
          active-strategy = lease-majority
          lease-majority.lease-implementation = {{Quote(leaseConfigPath)}}
        }
        akka.cluster.singleton {
          use-lease = {{Quote(leaseConfigPath)}}
          lease-retry-interval = 250ms
        }
        """;

    /// <summary>The RabbitMQ lease's block at <see cref="RabbitMqPath"/>.</summary>
    public static string RabbitMq(Uri broker, LeaseTimings? timings = null)
    {
        ArgumentNullException.ThrowIfNull(broker);
        return Block(RabbitMqPath, typeof(RabbitMqExclusiveQueueLease), RabbitMqExclusiveQueueLease.BrokerUriKey, broker.AbsoluteUri, timings);
    }

    /// <summary>The PostgreSQL lease's block at <see cref="PostgresPath"/>.</summary>
    public static string Postgres(string connectionString, LeaseTimings? timings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return Block(PostgresPath, typeof(PostgresAdvisoryLease), PostgresAdvisoryLease.ConnectionStringKey, connectionString, timings);
    }

    /// <summary>The file lease's block at <see cref="FilePath"/>.</summary>
    public static string File(string directory, LeaseTimings? timings = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Block(FilePath, typeof(FileLockLease), FileLockLease.DirectoryKey, Path.GetFullPath(directory), timings);
    }

    private static string Block(string path, Type leaseClass, string key, string value, LeaseTimings? timings)
    {
        var t = timings ?? LeaseTimings.Default;
        return $$"""
            {{path}} {
              lease-class = {{Quote($"{leaseClass.FullName}, {leaseClass.Assembly.GetName().Name}")}}
              {{key}} = {{Quote(value)}}
              heartbeat-timeout = {{Millis(t.HeartbeatTimeout)}}
              heartbeat-interval = {{Millis(t.HeartbeatInterval)}}
              lease-operation-timeout = {{Millis(t.OperationTimeout)}}
            }
            """;
    }

    private static string Millis(TimeSpan time) => ((long)time.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + "ms";

    private static string Quote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
