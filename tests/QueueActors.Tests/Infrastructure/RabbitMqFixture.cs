using Xunit;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// The brokers shared by the <see cref="RabbitMqCollection"/>: a primary node started once for all its
/// tests (each test uses its own queue names), and a second, independent node started on first demand
/// (failover tests). Tests of the collection run one after another, so a test may stop or restart a node
/// as long as it leaves it running.
/// </summary>
public sealed class RabbitMqFixture : IAsyncLifetime
{
    private readonly SemaphoreSlim _secondaryGate = new(1, 1);
    private RabbitMqBroker? _secondary;

    public RabbitMqBroker Primary { get; private set; } = null!;

    public async Task<RabbitMqBroker> GetSecondaryAsync()
    {
        await _secondaryGate.WaitAsync();
        try
        {
            return _secondary ??= await RabbitMqBroker.StartNewAsync();
        }
        finally
        {
            _secondaryGate.Release();
        }
    }

    public async Task InitializeAsync() => Primary = await RabbitMqBroker.StartNewAsync();

    public async Task DisposeAsync()
    {
        var failures = new List<Exception>();
        foreach (var broker in new[] { Primary, _secondary })
        {
            try
            {
                if (broker is not null)
                {
                    await broker.DisposeAsync();
                }
            }
            catch (Exception ex)
            {
                failures.Add(ex);
            }
        }

        if (failures.Count > 0)
        {
            throw new AggregateException("Stopping the test brokers failed.", failures);
        }
    }
}
