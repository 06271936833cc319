using Xunit;

namespace QueueActors.Tests.Infrastructure;

/// <summary>Tests that share the real PostgreSQL cluster of <see cref="PostgresFixture"/>; they run one class at a time.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Postgres";
}
