using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>
/// A control client for one <c>ctl</c> invocation, with whatever it runs on (its actor system, logging), or the exit
/// code explaining why there is none. Disposing releases what it owns; a borrowed client stays open.
/// </summary>
public sealed class CtlConnection : IAsyncDisposable
{
    private readonly object[] owned;

    private CtlConnection(ControlClient? client, int exitCode, object[] owned)
    {
        Client = client;
        ExitCode = exitCode;
        this.owned = owned;
    }

    /// <summary>The connected client; null when connecting failed.</summary>
    public ControlClient? Client { get; }

    /// <summary>Why there is no client (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode { get; }

    /// <summary>No client: the error was written already.</summary>
    public static CtlConnection Failed(int exitCode) => new(null, exitCode, []);

    /// <summary>A client that someone else disposes (the interactive prompt's, a test's).</summary>
    public static CtlConnection Borrowed(ControlClient client) => new(client, ExitCodes.Ok, []);

    /// <summary>A client disposed with <paramref name="resources"/> (disposed in reverse order after it).</summary>
    public static CtlConnection Owned(ControlClient client, params object[] resources) => new(client, ExitCodes.Ok, [client, .. resources.Reverse()]);

    public async ValueTask DisposeAsync()
    {
        foreach (var resource in owned)
        {
            switch (resource)
            {
                case IAsyncDisposable asyncDisposable:
                    await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                    break;
                case IDisposable disposable:
                    disposable.Dispose();
                    break;
            }
        }
    }
}
