using QueueActors.Actors.Transport;
using QueueActors.Actors.Transport.InMemory;

namespace QueueActors.Tests.Transport.Broadcast;

public sealed class InMemoryBroadcastTests : BroadcastBehaviour
{
    protected override Task<ITransport> CreateTransportAsync() => Task.FromResult<ITransport>(new InMemoryTransport());
}
