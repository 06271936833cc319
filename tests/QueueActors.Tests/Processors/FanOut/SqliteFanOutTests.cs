using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors.FanOut;

/// <summary>The fan-out on the embedded SQL transport (a SQLite file).</summary>
[Trait("Category", "Integration")]
public sealed class SqliteFanOutTests(ITestOutputHelper output) : FanOutTests(output)
{
    private readonly TempDirectory _directory = new();
    private ITransport? _transport;

    protected override async Task<ITransport?> TransportAsync() => _transport = await SqlTestTransports.OpenSqliteAsync(_directory.Path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_transport is not null)
        {
            await _transport.DisposeAsync();
        }

        _directory.Dispose();
    }
}
