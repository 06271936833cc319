using System.Globalization;
using QueueActors.Actors.Config;
using QueueActors.Host.Node;

namespace QueueActors.Host.Workers;

/// <summary>
/// Who one worker process of <c>run --workers N</c> is, told by its master through environment variables: its number
/// (<see cref="IndexVariable"/>: its node name is <c>&lt;name&gt;-&lt;index&gt;</c>, so each has its own handling journal),
/// its remoting port and, in a cluster of one, the seed nodes the workers join each other through. Worker 1 keeps the
/// seed role and the configured ports; the others are workers only, on ports of their own.
/// </summary>
/// <param name="Index">1 to N.</param>
/// <param name="Port">The remoting port to bind, or null for the configured one.</param>
/// <param name="SeedNodes">The seed nodes, or null for the configured ones.</param>
public sealed record WorkerChild(int Index, int? Port, IReadOnlyList<string>? SeedNodes)
{
    public const string IndexVariable = "QUEUEACTORS_WORKER_INDEX";
    public const string PortVariable = "QUEUEACTORS_WORKER_PORT";
    public const string SeedNodesVariable = "QUEUEACTORS_WORKER_SEED_NODES";

    /// <summary>The line a worker writes on its stdout once it is up (the master does not pass it on).</summary>
    public const string UpLine = "queueactors-worker-up";

    /// <summary>This process's part, or null when it is not a worker process of a master.</summary>
    public static WorkerChild? FromEnvironment(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (!int.TryParse(environment(IndexVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index < 1)
        {
            return null;
        }

        int? port = int.TryParse(environment(PortVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
        return new WorkerChild(index, port, environment(SeedNodesVariable) is { Length: > 0 } seeds ? NodeSeeds.Parse(seeds) : null);
    }

    /// <summary>The variables that make a process this worker.</summary>
    public IEnumerable<KeyValuePair<string, string>> Environment()
    {
        yield return new(IndexVariable, Index.ToString(CultureInfo.InvariantCulture));
        if (Port is { } port)
        {
            yield return new(PortVariable, port.ToString(CultureInfo.InvariantCulture));
        }

        if (SeedNodes is { } seeds)
        {
            yield return new(SeedNodesVariable, string.Join(',', seeds));
        }
    }

    /// <summary>The node name of worker <paramref name="index"/> of the node named <paramref name="name"/>.</summary>
    public static string NameOf(string name, int index) => $"{name}-{index}";

    /// <summary><paramref name="options"/> as this worker runs them: one process (workers = 1), its name, roles and ports.</summary>
    public NodeOptions Apply(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var roles = Index == 1 ? options.Node.Roles : [.. options.Node.Roles.Where(role => role != NodeSettings.SeedRole)];
        return options with
        {
            Node = options.Node with { Name = NameOf(options.Node.Name, Index), Roles = roles, Workers = 1 },
            Remoting = options.Remoting with { Port = Port ?? (Index == 1 ? options.Remoting.Port : 0) },
            Http = Index == 1 ? options.Http : options.Http with { Port = 0 },
            SeedNodes = SeedNodes ?? options.SeedNodes,
        };
    }
}
