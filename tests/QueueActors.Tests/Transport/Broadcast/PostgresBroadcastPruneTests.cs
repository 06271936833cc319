using System.Text;
using Dapper;
using Npgsql;
using QueueActors.Actors.Transport.Sql;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Transport.Broadcast;

[Trait("Category", "Integration")]
[Collection(PostgresCollection.Name)]
public sealed class PostgresBroadcastPruneTests(PostgresFixture postgres) : SqlBroadcastPruneBehaviour
{
    protected override async Task<SqlTransport> OpenAsync(SqlTransportSettings settings, TimeProvider time) =>
        await SqlTestTransports.OpenPostgresAsync(await ConnectionStringAsync(), settings, time);

    protected override async Task<IReadOnlyList<string>> RowsAsync(string channel)
    {
        await using var connection = new NpgsqlConnection(await ConnectionStringAsync());
        var payloads = await connection.QueryAsync<byte[]>("SELECT payload FROM broadcast_messages WHERE channel = @channel ORDER BY id", new { channel });
        return [.. payloads.Select(p => Encoding.UTF8.GetString(p))];
    }

    private Task<string> ConnectionStringAsync() => postgres.DatabaseFor(typeof(PostgresBroadcastPruneTests));
}
