using QueueActors.Actors.Transport;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Partitions;

/// <summary>Partitioned queues on the SQL transport (SQLite, one file for every node): rows claimed one at a time in order.</summary>
[Trait("Category", "Integration")]
public sealed class SqlitePartitionedQueueTests(ITestOutputHelper output) : PartitionedQueueTestBase(output)
{
    private readonly TempDirectory _directory = new();

    protected override async Task<ITransport> ConnectAsync() => await SqlTestTransports.OpenSqliteAsync(_directory.Path);

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
