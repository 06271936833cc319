using Microsoft.Extensions.Logging;
using QueueActors.Actors.Persistence;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary>
/// The transport of a one-shot command (<c>publish</c>, <c>purge-queue</c>): the same one, on the same database
/// file, as the node the configuration describes, so an operator reaches a running embedded node from another shell.
/// </summary>
internal static class CommandBackends
{
    /// <summary>Writes why the in-memory transport cannot be reached from a command and returns the exit code; null otherwise.</summary>
    public static async Task<int?> RefuseInMemoryAsync(NodeOptions options)
    {
        if (options.TransportKind != NodeTransportKind.InMemory)
        {
            return null;
        }

        await Console.Error.WriteLineAsync($"error: {NodeOptions.InMemoryTransportPath} is on: in-memory queues live inside their node's process, no command reaches them; give --broker amqp://... or turn it off").ConfigureAwait(false);
        return ExitCodes.Unavailable;
    }

    /// <summary>Opens the transport (no persistence), or writes why not and returns null.</summary>
    public static async Task<NodeBackends?> OpenAsync(NodeOptions options, ILoggerFactory logging, CancellationToken cancellationToken)
    {
        try
        {
            return await NodeBackends.OpenAsync(options, withPersistence: false, logging, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception error) when (error is TransportException or PersistenceException)
        {
            await Console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            return null;
        }
    }
}
