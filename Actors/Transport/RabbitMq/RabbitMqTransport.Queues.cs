using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace QueueActors.Actors.Transport.RabbitMq;

/// <summary>Declaring, purging and looking at queues on the servers.</summary>
public sealed partial class RabbitMqTransport
{
    /// <inheritdoc />
    public async Task DeclareAsync(QueueSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        ThrowIfDisposed();
        Remember(spec);
        var up = _servers.Where(s => s.IsUp).ToArray();
        if (up.Length == 0)
        {
            throw new TransportException($"Cannot declare queue {spec.BrokerQueue} now: no server is up ({ServerList}); it is declared when one comes back.");
        }

        var failures = await Task.WhenAll(up.Select(s => DeclareOnAsync(s, spec, cancellationToken))).ConfigureAwait(false);
        if (failures.FirstOrDefault(IsRefusal) is { } refusal)
        {
            // A refused spec (PRECONDITION_FAILED…) would be refused again on every reconnect: forget it.
            _declared.TryRemove(new KeyValuePair<string, QueueSpec>(spec.BrokerQueue, spec));
            throw new TransportException($"Declaring queue {spec.BrokerQueue} was refused: {refusal.GetBaseException().Message}", refusal);
        }

        if (failures.All(f => f is not null))
        {
            // Servers lost mid-way get the declaration when they come back; say so if none has it now.
            throw new TransportException($"Cannot declare queue {spec.BrokerQueue} now: every server failed ({failures[0]!.GetBaseException().Message}); it is declared when one comes back.", failures[0]);
        }
    }

    /// <summary>The broker said no (403 access refused, 404 not found, 405 locked, 406 precondition failed), as opposed to a lost connection.</summary>
    private static bool IsRefusal(Exception? exception) =>
        exception is OperationInterruptedException { ShutdownReason.ReplyCode: 403 or 404 or 405 or 406 } and not AlreadyClosedException;

    /// <inheritdoc />
    public async Task<long> PurgeAsync(string brokerQueue, CancellationToken cancellationToken = default)
    {
        QueueSpec.ValidateName(brokerQueue, nameof(brokerQueue));
        var counts = await OncePerClusterAsync(brokerQueue, "purge", async c => (long)await c.QueuePurgeAsync(brokerQueue, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        return counts.Sum();
    }

    /// <inheritdoc />
    public async Task<QueueStatus> GetStatusAsync(string brokerQueue, CancellationToken cancellationToken = default)
    {
        QueueSpec.ValidateName(brokerQueue, nameof(brokerQueue));
        var answers = await OncePerClusterAsync(brokerQueue, "look at", c => c.QueueDeclarePassiveAsync(brokerQueue, cancellationToken), cancellationToken).ConfigureAwait(false);
        return new QueueStatus(brokerQueue, answers.Sum(a => (long)a.MessageCount), answers.Sum(a => (int)a.ConsumerCount));
    }

    /// <summary>Declares on one server; returns the failure (logged) instead of throwing.</summary>
    private async Task<Exception?> DeclareOnAsync(RabbitMqServer server, QueueSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            await server.WithChannelAsync(c => RabbitMqTopology.DeclareQueueAsync(c, spec, cancellationToken), cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            RabbitMqLog.DeclareFailed(_logger, spec.BrokerQueue, server.Name, ex.GetBaseException().Message);
            return ex;
        }
    }

    /// <summary>
    /// Runs <paramref name="action"/> on one server per broker cluster (servers of one cluster share its
    /// queues, so they are asked once), trying the cluster's next server if one fails.
    /// </summary>
    private async Task<List<T>> OncePerClusterAsync<T>(string brokerQueue, string verb, Func<IChannel, Task<T>> action, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var clusters = _servers.Where(s => s.IsUp).GroupBy(s => s.ClusterKey).ToArray();
        if (clusters.Length == 0)
        {
            throw new TransportException($"Cannot {verb} queue {brokerQueue}: no server is up ({ServerList}).");
        }

        var answers = new List<T>();
        Exception? last = null;
        foreach (var cluster in clusters)
        {
            foreach (var server in cluster)
            {
                try
                {
                    answers.Add(await server.WithChannelAsync(action, cancellationToken).ConfigureAwait(false));
                    break;
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    last = ex;
                }
            }
        }

        return answers.Count > 0
            ? answers
            : throw new TransportException($"Cannot {verb} queue {brokerQueue}: {last!.GetBaseException().Message}", last);
    }
}
