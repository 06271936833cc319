using QueueActors.Host.Workers;
using Xunit;

namespace QueueActors.Tests.Workers;

/// <summary>How the master names a worker's end: a signal (128 + its number, as .NET reports it) or an exit code with its meaning.</summary>
public sealed class ExitStatusTests
{
    [Theory]
    [InlineData(137, "was killed by signal SIGKILL (9)")]
    [InlineData(139, "was killed by signal SIGSEGV (11)")]
    [InlineData(134, "was killed by signal SIGABRT (6)")]
    [InlineData(143, "was killed by signal SIGTERM (15)")]
    [InlineData(3, "exited with code 3 (broker or database unavailable)")]
    [InlineData(7, "exited with code 7 (stopped at its soft memory limit)")]
    [InlineData(8, "exited with code 8 (over its memory limit at start)")]
    [InlineData(42, "exited with code 42 (unexpected: a crash)")]
    public void An_exit_code_is_named(int exitCode, string expected) => Assert.Equal(expected, ExitStatus.Describe(exitCode));
}
