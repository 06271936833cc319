using QueueActors.Host.Cli;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host.Startup;

/// <summary>
/// A key under queueactors that no setting has (here the RabbitMQ servers one level too high) used to be ignored, and
/// the node started on the embedded transport: now the command exits 2 naming file, line, the key and the nearest known one.
/// </summary>
public sealed class UnknownSettingCliTests : IDisposable
{
    private static readonly SemaphoreSlim ConsoleError = new(1, 1);
    private readonly TempDirectory folder = new();

    [Fact]
    public async Task Run_with_an_unknown_key_exits_2_naming_file_line_and_the_nearest_known_key()
    {
        var file = Path.Combine(folder.Path, "node.conf");
        await File.WriteAllTextAsync(file, "queueactors {\n  data-directory = \"" + Path.Combine(folder.Path, "data") + "\"\n  rabbitmq {\n    servers = [\"amqp://guest:guest@127.0.0.1:1/\"]\n  }\n}\n");
        var error = new StringWriter();

        int code;
        await ConsoleError.WaitAsync();
        var before = Console.Error;
        try
        {
            Console.SetError(error);
            code = await QueueActorsCli.InvokeAsync(["run", "--config", file], "queueactors", null);
        }
        finally
        {
            Console.SetError(before);
            ConsoleError.Release();
        }

        Assert.Equal(ExitCodes.BadConfig, code);
        Assert.Contains($"error: bad configuration: {file}:4:5: queueactors.rabbitmq.servers: expected a setting that QueueActors has (see reference.conf), found an unknown key; did you mean queueactors.transport.rabbitmq.servers?", error.ToString(), StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(folder.Path, "data")), "nothing started");
    }

    public void Dispose() => folder.Dispose();
}
