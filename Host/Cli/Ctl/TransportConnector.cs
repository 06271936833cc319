using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Actors.Transport;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>
/// Connects <c>ctl</c> as nodes connect: the same configuration (<c>--config</c>, <c>--broker</c>), the same
/// transport and the same cluster secret (from the file or environment variable the configuration names).
/// Log lines go to stderr, warnings and worse only unless <c>--verbose</c> (<see cref="CommandLogging"/>), so stdout stays the command's output.
/// </summary>
public static class TransportConnector
{
    public static CtlConnector For(CommonOptions common) => async (parse, cancellationToken) =>
    {
        ArgumentNullException.ThrowIfNull(common);
        var (options, exitCode) = await common.LoadAsync(parse, null).ConfigureAwait(false);
        if (options is null)
        {
            return CtlConnection.Failed(exitCode);
        }

        if (await CommandBackends.RefuseAsync(options).ConfigureAwait(false) is { } refused)
        {
            return CtlConnection.Failed(refused);
        }

        ClusterSettings settings;
        CommandSigner signer;
        CommandVerifier verifier;
        var logging = CommandLogging.Create(parse);
        try
        {
            settings = ClusterSecrets.Resolve(options, createEmbedded: false)
                ?? throw new InvalidOperationException("no cluster secret: set queueactors.cluster.signing.secret-file, or the environment variable queueactors.cluster.signing.secret-env names (as on the nodes)");
            signer = CommandSigner.FromSettings(settings.Signing);
            verifier = CommandVerifier.FromSettings(settings.Signing, logger: logging.CreateLogger("QueueActors.Ctl"));
        }
        catch (Exception error) when (error is HoconException or InvalidOperationException or ArgumentException)
        {
            logging.Dispose();
            return await FailAsync(ExitCodes.BadConfig, error is HoconException ? $"bad configuration: {error.Message}" : error.Message).ConfigureAwait(false);
        }

        var backends = await CommandBackends.OpenAsync(options, logging, cancellationToken).ConfigureAwait(false);
        if (backends is null)
        {
            logging.Dispose();
            return CtlConnection.Failed(ExitCodes.Unavailable);
        }

        try
        {
            var client = await ControlClient.ConnectAsync(new BroadcastControlRoute(backends.Transport, settings.ControlChannel), settings, signer, verifier, logger: logging.CreateLogger("QueueActors.Ctl"), cancellationToken: cancellationToken).ConfigureAwait(false);
            return CtlConnection.Owned(client, logging, backends);
        }
        catch (TransportException error)
        {
            await backends.DisposeAsync().ConfigureAwait(false);
            logging.Dispose();
            return await FailAsync(ExitCodes.Unavailable, error.Message).ConfigureAwait(false);
        }
    };

    private static async Task<CtlConnection> FailAsync(int exitCode, string message)
    {
        await Console.Error.WriteLineAsync($"error: {message}").ConfigureAwait(false);
        return CtlConnection.Failed(exitCode);
    }
}
