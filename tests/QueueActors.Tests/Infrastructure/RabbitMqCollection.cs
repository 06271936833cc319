using Xunit;

namespace QueueActors.Tests.Infrastructure;

/// <summary>Tests that share the real RabbitMQ nodes of <see cref="RabbitMqFixture"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class RabbitMqCollection : ICollectionFixture<RabbitMqFixture>
{
    public const string Name = "RabbitMq";
}
