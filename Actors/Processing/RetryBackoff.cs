namespace QueueActors.Actors.Processing;

/// <summary>
/// The one retry formula: <c>min(Max, Min · 2^(attempt-1))</c>, spread by ±<see cref="Jitter"/> so that
/// events that failed together do not come back together.
/// </summary>
public sealed record RetryBackoff(TimeSpan Min, TimeSpan Max, double Jitter)
{
    /// <summary>The delay before attempt <paramref name="attempt"/> (1 for the first retry).</summary>
    /// <param name="random">A number in [0, 1); <see cref="Random.Shared"/> when null.</param>
    public TimeSpan DelayFor(int attempt, double? random = null)
    {
        var exponent = Math.Clamp(attempt - 1, 0, 40);
        var raw = Math.Min(Max.TotalMilliseconds, Min.TotalMilliseconds * Math.Pow(2, exponent));
        var spread = 1 + (Jitter * ((2 * (random ?? Random.Shared.NextDouble())) - 1));
        return TimeSpan.FromMilliseconds(Math.Max(1, raw * spread));
    }
}
