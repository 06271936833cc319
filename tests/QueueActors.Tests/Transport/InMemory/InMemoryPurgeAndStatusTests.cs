using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;

namespace QueueActors.Tests.Transport.InMemory;

public sealed class InMemoryPurgeAndStatusTests : PurgeAndStatusBehaviour
{
    protected override Task<ITransport> CreateTransportAsync() => Task.FromResult<ITransport>(new InMemoryTransport());
}
