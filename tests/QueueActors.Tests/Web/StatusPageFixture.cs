using Xunit;

namespace QueueActors.Tests.Web;

/// <summary>One node and one browser for the tests of a class: both take seconds to start.</summary>
public sealed class StatusPageFixture : IAsyncLifetime
{
    public StatusPageNode Node { get; } = new();

    public HeadlessChromium Chromium { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Node.StartAsync();
        Chromium = HeadlessChromium.Start();
    }

    public async Task DisposeAsync()
    {
        Chromium?.Dispose(); // first: its open page follows the node's events
        await Node.DisposeAsync();
    }
}
