using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Transport.Broadcast;

/// <summary>The peer is a second transport with its own database instance on the same file, as another process would have.</summary>
public sealed class SqliteBroadcastTests : BroadcastBehaviour, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override async Task<ITransport> CreateTransportAsync() => await SqlTestTransports.OpenSqliteAsync(_directory.Path);

    protected override async Task<ITransport?> OpenPeerAsync() => await SqlTestTransports.OpenSqliteAsync(_directory.Path);
}
