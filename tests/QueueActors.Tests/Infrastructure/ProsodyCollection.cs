using Xunit;

namespace QueueActors.Tests.Infrastructure;

/// <summary>Tests that share the Prosody server of <see cref="ProsodyFixture"/>; they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class ProsodyCollection : ICollectionFixture<ProsodyFixture>
{
    public const string Name = "Prosody";
}
