using QueueActors.Actors.Messaging;
using Xunit;

namespace QueueActors.Tests.Scheduling;

public sealed class PublishOptionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static TheoryData<PublishOptions, string> Invalid => new()
    {
        { new PublishOptions { Delay = TimeSpan.FromSeconds(1), DeliverAt = Now }, "not both" },
        { new PublishOptions { Delay = TimeSpan.FromSeconds(-1) }, "Delay must be" },
        { new PublishOptions { Delay = TimeSpan.FromDays(4000) }, "Delay must be" },
        { new PublishOptions { DeliverAt = Now.AddYears(20) }, "DeliverAt must be" },
        { new PublishOptions { UniqueKey = " " }, "UniqueKey must be" },
        { new PublishOptions { UniqueKey = new string('k', 513) }, "UniqueKey must be" },
        { new PublishOptions { UniqueFor = TimeSpan.FromMinutes(1) }, "needs a UniqueKey" },
        { new PublishOptions { UniqueKey = "k", UniqueFor = TimeSpan.Zero }, "UniqueFor must be" },
        { new PublishOptions { MessageId = "" }, "MessageId must be" },
        { new PublishOptions { MessageId = new string('m', 129) }, "MessageId must be" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Options_that_cannot_mean_what_the_caller_wanted_are_a_clear_argument_error(PublishOptions options, string says)
    {
        var error = Assert.Throws<ArgumentException>(() => options.DueAt(Now));
        Assert.Contains(says, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_delay_or_a_future_time_is_due_then_and_a_past_time_or_no_delay_is_due_at_once()
    {
        Assert.Equal(Now.AddSeconds(5), new PublishOptions { Delay = TimeSpan.FromSeconds(5) }.DueAt(Now));
        Assert.Equal(Now.AddDays(3), new PublishOptions { DeliverAt = Now.AddDays(3) }.DueAt(Now));
        Assert.Null(new PublishOptions { DeliverAt = Now.AddSeconds(-1) }.DueAt(Now));
        Assert.Null(new PublishOptions { Delay = TimeSpan.Zero }.DueAt(Now));
        Assert.Null(new PublishOptions { UniqueKey = "k" }.DueAt(Now));
    }
}
