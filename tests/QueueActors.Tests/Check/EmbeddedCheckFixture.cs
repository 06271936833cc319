using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing;
using QueueActors.Host.Node;
using QueueActors.Tests.Host;
using QueueActors.Tests.Host.Embedded;
using Xunit;

namespace QueueActors.Tests.Check;

/// <summary>One embedded node for every check test of a class (each test puts back what it changed), and the check command run as the real executable.</summary>
public sealed class EmbeddedCheckFixture : IAsyncLifetime
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private RunningEmbeddedNode? _node;

    public RunningEmbeddedNode Node => _node ?? throw new InvalidOperationException("not started");

    public ProcessingService Processing => Node.Node.Services.GetRequiredService<NodeRuntime>().Processing!;

    public HandledRecorder Recorder => Node.Node.Services.GetRequiredService<HandledRecorder>();

    public IEventPublisher Publisher => Node.Node.Services.GetRequiredService<IEventPublisher>();

    /// <summary>Waits until the node's handler recorded <paramref name="messageId"/>.</summary>
    public Task AwaitHandledAsync(string messageId) => TestKit.AwaitCondition.UntilAsync(() => Recorder.Handled(messageId), Timeout, $"event {messageId} handled");

    public async Task InitializeAsync() => _node = await RunningEmbeddedNode.StartAsync();

    /// <summary>The node's configuration file with <paramref name="extra"/> appended (what a check reads; the node never reads it again).</summary>
    public string ConfigWith(string extra)
    {
        var file = Path.Combine(Path.GetDirectoryName(Node.ConfigFile)!, "check-" + Guid.NewGuid().ToString("N")[..8] + ".conf");
        File.WriteAllText(file, File.ReadAllText(Node.ConfigFile) + "\n" + extra + "\n");
        return file;
    }

    /// <summary>Runs <c>queueactors check …</c> against this node (its configuration unless the arguments give one).</summary>
    public Task<(int Code, string Output)> CheckAsync(params string[] args) => RunAsync(["check", .. args]);

    /// <summary>Runs <c>queueactors …</c> against this node (its configuration unless the arguments give one).</summary>
    public async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        string[] all = args.Contains("--config") ? args : [.. args, "--config", Node.ConfigFile];
        await using var process = NodeProcess.Start(all);
        var code = await process.WaitForExitAsync(Timeout);
        return (code, process.Output);
    }

    public async Task DisposeAsync()
    {
        if (_node is not null)
        {
            Recorder.Release();
            await _node.DisposeAsync();
        }
    }
}
