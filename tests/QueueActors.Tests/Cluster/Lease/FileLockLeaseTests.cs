using QueueActors.Actors.Cluster.Lease;
using QueueActors.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Cluster.Lease;

/// <summary><see cref="FileLockLease"/> in a temporary directory (no server: the fast suite, but for the process kill).</summary>
public sealed class FileLockLeaseTests(ITestOutputHelper output) : LeaseBehaviour(output), IDisposable
{
    private readonly TempDirectory _directory = new();

    protected override string ConfigPath => TransportLeaseHocon.FilePath;

    protected override Task<string> BlockAsync() => Task.FromResult(TransportLeaseHocon.File(_directory.Path, TestTimings));

    [Fact]
    public async Task The_lease_is_a_file_named_after_it_in_the_directory()
    {
        var lease = NewLease(await BlockAsync(), "first");

        Assert.True(await lease.Acquire());

        Assert.True(File.Exists(Path.Combine(_directory.Path, LeaseName + ".lease")));
    }

    [Fact]
    public async Task Acquire_where_the_directory_cannot_be_made_fails_at_once()
    {
        var file = Path.Combine(_directory.Path, "a-file");
        await File.WriteAllTextAsync(file, "not a directory");

        await AssertAcquireFailsInTime(TransportLeaseHocon.File(Path.Combine(file, "below"), TestTimings));
    }

    public void Dispose() => _directory.Dispose();
}
