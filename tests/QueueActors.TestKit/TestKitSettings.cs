using System.Globalization;

namespace QueueActors.TestKit;

/// <summary>
/// Timeouts of the TestKit. Every timeout is multiplied by the time factor, read from the
/// <c>QA_TEST_TIME_FACTOR</c> environment variable (default 1), so a slow CI machine can stretch
/// them all at once instead of each test growing its own margins.
/// </summary>
public static class TestKitSettings
{
    /// <summary>The wait of ExpectMsgAsync and friends when a test gives none, before the factor.</summary>
    public static TimeSpan DefaultTimeout { get; } = TimeSpan.FromSeconds(3);

    /// <summary>The window of ExpectNoMsgAsync when a test gives none, before the factor.</summary>
    public static TimeSpan DefaultNoMessageWindow { get; } = TimeSpan.FromMilliseconds(200);

    public static double TimeFactor { get; } = ReadTimeFactor();

    /// <summary>Applies the time factor.</summary>
    public static TimeSpan Dilated(TimeSpan duration) => duration * TimeFactor;

    private static double ReadTimeFactor()
    {
        var text = Environment.GetEnvironmentVariable("QA_TEST_TIME_FACTOR");
        if (string.IsNullOrWhiteSpace(text))
        {
            return 1;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var factor) && factor > 0
            ? factor
            : throw new InvalidOperationException($"QA_TEST_TIME_FACTOR must be a positive number, not '{text}'");
    }
}
