using System.Net;
using System.Net.Sockets;
using QueueActors.Host.Node;

namespace QueueActors.Host.Workers;

/// <summary>
/// How the N workers of a master differ (<see cref="WorkerChild"/>). With seed nodes configured, every worker joins
/// them: worker 1 keeps the configured remoting port (a seed node's fixed port) and the seed role, the others are
/// workers on any free port. Without (a cluster of one, the default), the workers are that cluster: each gets a free
/// port now (worker 1 the configured one, if fixed), and all of them are the seed nodes, so that a worker started
/// again joins the others instead of founding a cluster of its own.
/// </summary>
public static class WorkerLayout
{
    /// <param name="options">The node's options (a worker: <see cref="WorkerRun"/> checked it).</param>
    /// <param name="workers">N.</param>
    public static IReadOnlyList<WorkerChild> Plan(NodeOptions options, int workers)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.SeedNodes.Count > 0)
        {
            return [.. Enumerable.Range(1, workers).Select(index => new WorkerChild(index, null, null))];
        }

        var ports = Enumerable.Range(1, workers).Select(index => index == 1 && options.Remoting.Port != 0 ? options.Remoting.Port : FreePort(options.Remoting.Hostname)).ToList();
        var host = options.Remoting.PublicHostname.Length > 0 ? options.Remoting.PublicHostname : options.Remoting.Hostname;
        var seeds = ports.Select(port => NodeSeeds.TryNormalize($"{host}:{port}")!).ToList();
        return [.. ports.Select((port, i) => new WorkerChild(i + 1, port, seeds))];
    }

    // The port is free now; nothing else on this machine is expected to take it before the worker binds it.
    private static int FreePort(string hostname)
    {
        var address = IPAddress.TryParse(hostname, out var parsed) ? parsed : IPAddress.Loopback;
        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
