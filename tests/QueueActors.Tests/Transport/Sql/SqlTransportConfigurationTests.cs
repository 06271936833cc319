using QueueActors.Actors.Config;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Config;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Sql;

/// <summary>The transport the configuration asks for, on the database it names.</summary>
public sealed class SqlTransportConfigurationTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task The_default_configuration_keeps_the_queues_in_a_sqlite_file_under_the_data_directory()
    {
        var dataDirectory = Path.Combine(_directory.Path, "data");
        var config = ConfigLoader.LoadText($"queueactors.data-directory = \"{dataDirectory}\"", Hocon.Environment());

        await using (var transport = await SqlTransport.OpenAsync(config))
        {
            await transport.DeclareAsync(new QueueSpec("qa.email", Durable: true));
            await transport.PublishAsync("qa.email", new Envelope { Site = "s", Queue = "email", EnqueuedAt = DateTimeOffset.UtcNow });
        }

        Assert.True(File.Exists(Path.Combine(dataDirectory, "queueactors.db")));
        await using var reopened = await SqlTransport.OpenAsync(config);
        Assert.Equal(1, (await reopened.GetStatusAsync("qa.email")).MessagesReady);
    }

    [Fact]
    public async Task The_postgres_backend_without_a_connection_string_fails_naming_the_setting()
    {
        var config = ConfigLoader.LoadText("queueactors.sql-transport.backend = postgres", Hocon.Environment());

        var error = await Assert.ThrowsAsync<HoconException>(() => SqlTransport.OpenAsync(config));

        Assert.Equal("queueactors.postgres.connection-string", error.Path);
    }
}
