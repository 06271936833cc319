using System.Text;
using Dapper;
using Microsoft.Data.Sqlite;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Transport.Broadcast;

public sealed class SqliteBroadcastPruneTests : SqlBroadcastPruneBehaviour, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<SqlTransport> OpenAsync(SqlTransportSettings settings, TimeProvider time) =>
        SqlTestTransports.OpenSqliteAsync(_directory.Path, settings, time);

    protected override async Task<IReadOnlyList<string>> RowsAsync(string channel)
    {
        await using var connection = new SqliteConnection($"Data Source={TestDatabases.SqliteSettings(_directory.Path).FilePath};Pooling=False");
        var payloads = await connection.QueryAsync<byte[]>("SELECT payload FROM broadcast_messages WHERE channel = @channel ORDER BY id", new { channel });
        return [.. payloads.Select(p => Encoding.UTF8.GetString(p))];
    }
}
