using QueueActors.Actors.Transport.RabbitMq;
using QueueActors.Tests.Infrastructure;
using QueueActors.Tests.Transport.RabbitMq;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing.RabbitMq;

/// <summary>
/// The processing pipeline on the shared test broker: each test gets its own logical queue names and its
/// own dead-letter queue, so tests of the collection never see each other's messages.
/// </summary>
public abstract class RabbitProcessingTestBase(RabbitMqFixture brokers, ITestOutputHelper output) : ProcessingTestBase(output)
{
    private readonly string _id = Guid.NewGuid().ToString("N")[..8];

    protected RabbitMqFixture Brokers { get; } = brokers;

    protected override string WorkQueue => "work-" + _id;

    protected override string BatchQueue => "batch-" + _id;

    protected string DeadLetterQueue => "qa.dead-letters-" + _id;

    /// <summary>Config every test of the kind needs: its dead-letter queue (and whatever the test adds).</summary>
    protected string Config(string extra = "") => $"queueactors.messaging.dead-letter-queue = \"{DeadLetterQueue}\"\n{extra}";

    protected async Task<RabbitMqTransport> ConnectAsync(params Uri[] servers) =>
        Own(await TestTransports.ConnectAsync(servers.Length > 0 ? servers : [Brokers.Primary.AmqpUri]));
}
