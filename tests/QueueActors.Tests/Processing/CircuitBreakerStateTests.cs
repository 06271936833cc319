using QueueActors.Actors.Processing;
using QueueActors.Actors.Processing.Supervision;
using Xunit;

namespace QueueActors.Tests.Processing;

/// <summary>The circuit's state machine on its own, as queue supervisors and partition gates share it.</summary>
public sealed class CircuitBreakerStateTests
{
    private static readonly CircuitBreakerSettings Settings = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(3));

    [Fact]
    public void Failures_in_a_row_open_the_circuit_and_a_success_between_them_starts_the_count_again()
    {
        var circuit = new CircuitBreaker(Settings);

        Assert.Equal(CircuitChange.None, circuit.Record(succeeded: false, trial: false));
        Assert.Equal(CircuitChange.None, circuit.Record(succeeded: false, trial: false));
        Assert.Equal(CircuitChange.None, circuit.Record(succeeded: true, trial: false));
        Assert.Equal(CircuitChange.None, circuit.Record(succeeded: false, trial: false));
        Assert.Equal(CircuitChange.None, circuit.Record(succeeded: false, trial: false));
        Assert.True(circuit.IsClosed);

        Assert.Equal(CircuitChange.Opened, circuit.Record(succeeded: false, trial: false));
        Assert.True(circuit.IsWaiting);
        Assert.Equal((3, TimeSpan.FromSeconds(1)), (circuit.FailuresInRow, circuit.Pause));
        Assert.False(circuit.TryTake(out _));
    }

    [Fact]
    public void After_the_pause_one_trial_goes_its_failure_doubles_the_pause_up_to_the_most_and_its_success_closes()
    {
        var circuit = new CircuitBreaker(Settings);
        circuit.Open(first: true);

        circuit.BeginTrial();
        Assert.True(circuit.TryTake(out var trial) && trial);
        Assert.False(circuit.TryTake(out _)); // one trial at a time
        Assert.Equal(CircuitChange.None, circuit.Record(succeeded: false, trial: false)); // work let go before the opening counts no more

        Assert.Equal(CircuitChange.Reopened, circuit.Record(succeeded: false, trial: true));
        Assert.Equal(TimeSpan.FromSeconds(2), circuit.Pause);
        circuit.BeginTrial();
        Assert.True(circuit.TryTake(out _));
        Assert.Equal(CircuitChange.Reopened, circuit.Record(succeeded: false, trial: true));
        Assert.Equal(TimeSpan.FromSeconds(3), circuit.Pause); // max-backoff

        circuit.BeginTrial();
        Assert.True(circuit.TryTake(out _));
        Assert.Equal(CircuitChange.Closed, circuit.Record(succeeded: true, trial: true));
        Assert.True(circuit.IsClosed && circuit.TryTake(out trial) && !trial);
        Assert.Equal(0, circuit.FailuresInRow);
    }
}
