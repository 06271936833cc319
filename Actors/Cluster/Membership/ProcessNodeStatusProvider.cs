using System.Diagnostics;
using System.Reflection;

namespace QueueActors.Actors.Cluster.Membership;

/// <summary>The default status: name and roles as configured, no sites, queues or in-flight events, and the process's memory, uptime and version.</summary>
public sealed class ProcessNodeStatusProvider : INodeStatusProvider
{
    private readonly string node;
    private readonly IReadOnlyList<string> roles;
    private readonly TimeProvider time;
    private readonly long startedAt;

    public ProcessNodeStatusProvider(string node, IReadOnlyList<string> roles, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(node);
        this.node = node;
        this.roles = roles ?? throw new ArgumentNullException(nameof(roles));
        time = timeProvider ?? TimeProvider.System;
        startedAt = time.GetTimestamp();
    }

    /// <summary>The entry assembly's informational version (without a source-revision suffix), else the library's.</summary>
    public static string Version { get; } = VersionOf(Assembly.GetEntryAssembly()) ?? VersionOf(typeof(ProcessNodeStatusProvider).Assembly) ?? "unknown";

    public NodeStatus GetStatus()
    {
        using var process = Process.GetCurrentProcess();
        return new NodeStatus(node, roles, [], [], 0, process.WorkingSet64, GC.GetTotalMemory(forceFullCollection: false), time.GetElapsedTime(startedAt), Version);
    }

    private static string? VersionOf(Assembly? assembly)
    {
        var version = assembly?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return version is null ? null : version.Split('+')[0];
    }
}
