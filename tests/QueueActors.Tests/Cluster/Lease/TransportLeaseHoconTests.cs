using Akka.Actor;
using Akka.Configuration;
using Akka.Coordination;
using QueueActors.Actors.Cluster.Lease;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Cluster.Lease;

/// <summary>
/// <see cref="TransportLeaseHocon.For"/>: the resolver's lease-majority strategy on the lease of the node's
/// transport, a block Akka's <see cref="LeaseProvider"/> turns into that lease (no server is contacted).
/// </summary>
public sealed class TransportLeaseHoconTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task A_node_with_brokers_gets_the_RabbitMQ_lease_on_its_first_broker()
    {
        var hocon = TransportLeaseHocon.For([new Uri("amqp://u:p%22w@rabbit-1:5672/"), new Uri("amqp://u:pw@rabbit-2:5672/")], "Host=pg;Password=x", _directory.Path);

        var config = ConfigurationFactory.ParseString(hocon);

        Assert.Equal("lease-majority", config.GetString("akka.cluster.split-brain-resolver.active-strategy"));
        Assert.Equal(TransportLeaseHocon.RabbitMqPath, config.GetString("akka.cluster.split-brain-resolver.lease-majority.lease-implementation"));
        Assert.Equal("amqp://u:p%22w@rabbit-1:5672/", config.GetString(TransportLeaseHocon.RabbitMqPath + ".broker-uri"));
        var lease = await LeaseOf(hocon, TransportLeaseHocon.RabbitMqPath);
        Assert.IsType<RabbitMqExclusiveQueueLease>(lease);
        Assert.Equal("qa.lease.queueactors-akka-sbr", ((RabbitMqExclusiveQueueLease)lease).QueueName);
    }

    [Fact]
    public async Task A_node_on_the_PostgreSQL_transport_gets_the_advisory_lock_lease()
    {
        const string connection = "Host=pg;Username=qa;Password=p\"w\\x;Database=qa";
        var hocon = TransportLeaseHocon.For([], connection, _directory.Path);

        var config = ConfigurationFactory.ParseString(hocon);

        Assert.Equal(TransportLeaseHocon.PostgresPath, config.GetString("akka.cluster.split-brain-resolver.lease-majority.lease-implementation"));
        Assert.Equal(connection, config.GetString(TransportLeaseHocon.PostgresPath + ".connection-string"));
        Assert.Equal(TimeSpan.FromSeconds(5), config.GetTimeSpan(TransportLeaseHocon.PostgresPath + ".lease-operation-timeout"));
        Assert.IsType<PostgresAdvisoryLease>(await LeaseOf(hocon, TransportLeaseHocon.PostgresPath));
    }

    [Fact]
    public async Task An_embedded_node_gets_the_file_lease_in_its_data_directory()
    {
        var hocon = TransportLeaseHocon.For([], null, _directory.Path);

        var config = ConfigurationFactory.ParseString(hocon);

        Assert.Equal(TransportLeaseHocon.FilePath, config.GetString("akka.cluster.split-brain-resolver.lease-majority.lease-implementation"));
        Assert.Equal(_directory.Path, config.GetString(TransportLeaseHocon.FilePath + ".directory"));
        Assert.IsType<FileLockLease>(await LeaseOf(hocon, TransportLeaseHocon.FilePath));
    }

    public void Dispose() => _directory.Dispose();

    /// <summary>The lease Akka makes for the resolver's default lease name, in a throwaway actor system.</summary>
    private static async Task<Akka.Coordination.Lease> LeaseOf(string hocon, string path)
    {
        var system = ActorSystem.Create("queueactors", ConfigurationFactory.ParseString(hocon));
        try
        {
            return LeaseProvider.Get(system).GetLease("queueactors-akka-sbr", path, "127.0.0.1:2551");
        }
        finally
        {
            await system.Terminate();
        }
    }
}
