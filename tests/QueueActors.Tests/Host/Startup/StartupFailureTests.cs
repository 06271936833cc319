using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host.Startup;

/// <summary>
/// <c>queueactors run</c> fed broken configuration files: each ends in exit code 2 (bad configuration) or 3 (a
/// server refuses) and one clear line naming the setting, before anything starts; none in a stack trace.
/// </summary>
public sealed class StartupFailureTests : IDisposable
{
    private readonly TempDirectory folder = new();

    /// <summary>Name, the file's settings (<c>{dir}</c>: this test's folder), exit code, what the error line says.</summary>
    public static TheoryData<string, string, int, string> BrokenFiles => new()
    {
        { "request timeout zero", "queueactors.cluster.request-timeout = 0s", 2, "node.conf:2:39: queueactors.cluster.request-timeout: expected a duration greater than zero" },
        { "max-age banana", "queueactors.cluster.signing.max-age = banana", 2, "queueactors.cluster.signing.max-age: expected a duration" },
        { "max-age negative", "queueactors.cluster.signing.max-age = -5s", 2, "queueactors.cluster.signing.max-age: expected a duration greater than zero" },
        { "http port 70000", "queueactors.http.port = 70000", 2, "queueactors.http.port: expected a port from 0 (any free one) to 65535" },
        { "empty control channel", "queueactors.cluster.control-channel = \"\"", 2, "queueactors.cluster.control-channel: expected a non-empty string" },
        { "site name a b!", "queueactors.sites { \"a b!\" {} }", 2, "queueactors.sites.\"a b!\": expected settings under a valid site name" },
        { "negative site concurrency", "queueactors.sites { \"a.example\" { concurrency { email = -1 } } }", 2, "queueactors.sites.\"a.example\".concurrency.email: expected an integer of at least 1, found -1" },
        { "unusable data directory", "queueactors.data-directory = \"/proc/forbidden\"", 2, "queueactors.data-directory: cannot create the data directory /proc/forbidden" },
        { "data directory under a file", "queueactors.data-directory = \"{dir}/a-file/data\"", 2, "queueactors.data-directory: cannot create the data directory {dir}/a-file/data" },
        { "secret shorter than 16 bytes", "queueactors.cluster.signing.secret-file = \"{dir}/short.secret\"", 2, "queueactors.cluster.signing.secret-file: the cluster secret in the file {dir}/short.secret is 5 bytes long; it must be at least 16" },
        { "dead-letter-dir a regular file", "queueactors.processing.dead-letter-dir = \"{dir}/a-file\"", 2, "queueactors.processing.dead-letter-dir: {dir}/a-file is a file" },
        { "node name of 300 characters", $"queueactors.node.name = {new string('n', 300)}", 2, "queueactors.node.name: expected a node name (1 to 255 ASCII letters" },
        { "node name with spaces", "queueactors.node.name = \"node one\"", 2, "queueactors.node.name: expected a node name" },
        { "RabbitMQ node whose secret file is missing", "queueactors.transport.rabbitmq.servers = [\"amqp://guest:guest@127.0.0.1:1/\"]\nqueueactors.cluster.signing.secret-file = \"{dir}/missing.secret\"", 2, "queueactors.cluster.signing.secret-file: Cannot read the secret file {dir}/missing.secret" },
        { "PostgreSQL refusing the port", "queueactors.sql-transport.backend = postgres\nqueueactors.postgres.connection-string = \"Host=127.0.0.1;Port=1;Database=qa;Username=qa;Password=pw-never-shown\"", 3, "Cannot connect to PostgreSQL at" },
    };

    [Theory]
    [MemberData(nameof(BrokenFiles))]
    public async Task Run_with_a_broken_file_exits_with_its_code_and_one_line(string name, string settings, int exitCode, string message)
    {
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "short.secret"), "short");
        await File.WriteAllTextAsync(Path.Combine(folder.Path, "a-file"), "not a directory");
        var config = $"queueactors.data-directory = \"{folder.Path}/data\"\n{settings.Replace("{dir}", folder.Path, StringComparison.Ordinal)}\n";

        var (code, error, output) = await StartupFailure.RunAsync(folder.Path, config);

        Assert.True(exitCode == code, $"{name}: exit code {code}, expected {exitCode}; output:\n{output}");
        Assert.Contains(message.Replace("{dir}", folder.Path, StringComparison.Ordinal), error, StringComparison.Ordinal);
        Assert.DoesNotContain("pw-never-shown", output, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('n', 100), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cluster_secret_variable_shorter_than_16_bytes_exits_2_without_showing_it()
    {
        var (code, error, output) = await StartupFailure.RunAsync(folder.Path, $"queueactors.data-directory = \"{folder.Path}/data\"\n", new Dictionary<string, string?> { ["QUEUEACTORS_CLUSTER_SECRET"] = "tiny-secret" });

        Assert.Equal(2, code);
        Assert.Contains("queueactors.cluster.signing.secret-env: the cluster secret in the environment variable QUEUEACTORS_CLUSTER_SECRET is 11 bytes long; it must be at least 16", error, StringComparison.Ordinal);
        Assert.DoesNotContain("tiny-secret", output, StringComparison.Ordinal);
    }

    public void Dispose() => folder.Dispose();
}
