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
    /// <summary>The variable that names the data directory, for messages.</summary>
    public const string DataDirectoryVariable = "QUEUEACTORS_DATA_DIR";

    /// <summary>
    /// Writes why a command cannot reach the node the options describe and returns the exit code; null when it can.
    /// The in-memory transport lives inside its node's process (exit 3). An embedded database that no node has made
    /// is never created by a command (exit 2): it would publish into, or wait on, a file no node reads.
    /// </summary>
    public static async Task<int?> RefuseAsync(NodeOptions options)
    {
        if (options.TransportKind == NodeTransportKind.InMemory)
        {
            await Console.Error.WriteLineAsync($"error: {NodeOptions.InMemoryTransportPath} is on: in-memory queues live inside their node's process, no command reaches them; give --broker amqp://... or turn it off").ConfigureAwait(false);
            return ExitCodes.Unavailable;
        }

        if (options.TransportKind == NodeTransportKind.Sqlite && !File.Exists(options.Sqlite.FilePath))
        {
            await Console.Error.WriteLineAsync($"error: no node data in {Path.GetDirectoryName(options.Sqlite.FilePath)} ({options.Sqlite.FileName} does not exist), and a command never creates it: start the node first, or point at its data directory with {NodeOptions.DataDirectoryOption} DIR, the variable {DataDirectoryVariable} or queueactors.data-directory in --config").ConfigureAwait(false);
            return ExitCodes.BadConfig;
        }

        return null;
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
