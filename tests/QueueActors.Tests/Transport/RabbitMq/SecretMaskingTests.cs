using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Transport.RabbitMq;

/// <summary>Broker passwords never reach a log line or an exception message.</summary>
public sealed class SecretMaskingTests
{
    private const string Password = "s3cr3t-pw";

    [Fact]
    public async Task A_server_that_is_down_is_logged_and_reported_without_its_password()
    {
        var capture = new LogCapture();
        using var logging = LoggerFactory.Create(b => b.AddProvider(capture).SetMinimumLevel(LogLevel.Debug));
        var uri = new Uri($"amqp://qa:{Password}@127.0.0.1:{ClosedPort()}/");

        await using var transport = await RabbitMqTransport.ConnectAsync(TestTransports.Options(uri), logging);
        var error = await Assert.ThrowsAsync<TransportException>(async () =>
            await transport.PublishAsync("qa.email", new() { Site = "s", Queue = "email", EnqueuedAt = DateTimeOffset.UtcNow }));

        Assert.DoesNotContain(Password, error.ToString());
        Assert.Contains("***", error.Message);
        Assert.Empty(transport.ConnectedServers);
        // The connection attempt logs from its own task: wait for the entry rather than race it.
        await capture.ExpectAsync(l => l.Level == LogLevel.Warning && l.Message.Contains("Cannot connect") && l.Message.Contains("qa:***@"));
        Assert.DoesNotContain(capture.Entries, l => l.ToString().Contains(Password) || (l.Exception?.ToString().Contains(Password) ?? false));
    }

    [Fact]
    public async Task Invalid_options_are_reported_without_the_password()
    {
        var options = TestTransports.Options(new Uri($"http://qa:{Password}@example.org/"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => RabbitMqTransport.ConnectAsync(options));

        Assert.DoesNotContain(Password, error.Message);
        Assert.Contains("http://qa:***@example.org/", error.Message);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
