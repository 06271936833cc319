using Xunit.Sdk;

namespace QueueActors.TestKit;

/// <summary>
/// Waits for a state to hold, checking again at a short interval until a dilated timeout. For state
/// that no probe can report (a file written, a counter reached); prefer a probe where there is one.
/// </summary>
public static class AwaitCondition
{
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(10);

    public static Task UntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? because = null) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, because);

    /// <summary>Like <see cref="UntilAsync(Func{bool}, TimeSpan?, string?)"/> for state that takes a call to read (a broker's queue status).</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan? timeout = null, string? because = null)
    {
        var deadline = DateTime.UtcNow + TestKitSettings.Dilated(timeout ?? TestKitSettings.DefaultTimeout);
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow >= deadline)
            {
                throw new XunitException($"Condition not met within {(timeout ?? TestKitSettings.DefaultTimeout).TotalMilliseconds:0} ms{(because is null ? "" : ": " + because)}");
            }

            await Task.Delay(DefaultInterval).ConfigureAwait(false);
        }
    }

    /// <summary>Runs the assertion until it passes; when time runs out its last failure is thrown.</summary>
    public static async Task AssertAsync(Action assertion, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + TestKitSettings.Dilated(timeout ?? TestKitSettings.DefaultTimeout);
        while (true)
        {
            try
            {
                assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(DefaultInterval).ConfigureAwait(false);
            }
        }
    }
}
