using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Transport.Sql;

public sealed class SqliteDelayedPublishTests : DelayedPublishBehaviour, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override async Task<ITransport> CreateTransportAsync() => await SqlTestTransports.OpenSqliteAsync(_directory.Path);
}
