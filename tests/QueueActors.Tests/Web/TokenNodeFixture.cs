using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Xunit;

namespace QueueActors.Tests.Web;

/// <summary>A node whose listener binds every address (0.0.0.0) with <see cref="Token"/>, and its page on this machine's own non-loopback address.</summary>
public sealed class TokenNodeFixture : IAsyncLifetime
{
    public const string Token = "status-page-token-of-the-test";

    private readonly StatusPageNode node = new($"hostname = \"0.0.0.0\"\ntoken = \"{Token}\"");

    public Uri Page { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await node.StartAsync();
        var address = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException("this machine has no non-loopback IPv4 address to reach the node on (the test needs one network interface up)");
        Page = new UriBuilder(node.PageUrl) { Host = address.ToString() }.Uri;
    }

    public async Task DisposeAsync() => await node.DisposeAsync();
}
