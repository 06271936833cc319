using Microsoft.Extensions.Hosting;

namespace QueueActors.Host.Web;

/// <summary>
/// The web application's lifetime: the node's host owns SIGTERM and Ctrl-C and stops the web application itself
/// (the default console lifetime would catch the signals a second time and log "Application started" twice).
/// </summary>
internal sealed class HostOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
