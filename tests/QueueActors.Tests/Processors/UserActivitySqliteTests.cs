using QueueActors.Processors.UserActivity;
using QueueActors.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors;

public sealed class UserActivitySqliteTests(ITestOutputHelper output) : UserActivityProcessorTests(output)
{
    private readonly TempDirectory _directory = new();

    protected override Task<UserActivitySettings> DatabaseAsync() => Task.FromResult(new UserActivitySettings
    {
        Backend = UserActivityBackend.Sqlite,
        ConnectionString = $"Data Source={Path.Combine(_directory.Path, "activity.db")};Pooling=false",
    });

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _directory.Dispose();
    }
}
