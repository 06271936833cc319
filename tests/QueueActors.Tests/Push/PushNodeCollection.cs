using Xunit;

namespace QueueActors.Tests.Push;

/// <summary>The push tests on one node share it (starting a node takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class PushNodeCollection : ICollectionFixture<PushNode>
{
    public const string Name = "push node";
}
