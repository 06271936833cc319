using System.Text;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Processing.DeadLetters;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processing;

/// <summary>
/// Events from producers that are not QueueActors: a plain JSON body on <c>qa.&lt;queue&gt;</c>, which the
/// transport reads with no site and the broker queue's name as its queue (what RabbitMQ makes of pika's
/// <c>basic_publish</c>; see PythonProducerTests for the real thing).
/// </summary>
public sealed class PlainEventTests(ITestOutputHelper output) : ProcessingTestBase(output)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task A_plain_event_is_handled_with_the_site_its_queue_assumes()
    {
        await StartAsync("queueactors.processing.queue-overrides.work.default-site = \"zulip.example\"");

        var plain = await PublishPlainAsync("""{"text":"from python"}""");

        var handled = await Recorder.WaitForHandledAsync(plain.MessageId, Wait);
        Assert.Equal(("zulip.example", "work"), (handled.Envelope.Site, handled.Envelope.Queue));
    }

    [Fact]
    public async Task The_site_field_of_the_body_wins_over_the_default_site()
    {
        await StartAsync("queueactors.processing.queue-overrides.work { default-site = \"zulip.example\", site-field = realm }");

        var named = await PublishPlainAsync("""{"text":"a","realm":"chat.example"}""");
        var unnamed = await PublishPlainAsync("""{"text":"b"}""");

        Assert.Equal("chat.example", (await Recorder.WaitForHandledAsync(named.MessageId, Wait)).Envelope.Site);
        Assert.Equal("zulip.example", (await Recorder.WaitForHandledAsync(unnamed.MessageId, Wait)).Envelope.Site);
    }

    [Fact]
    public async Task A_failing_plain_event_is_retried_with_its_site_and_ends_as_a_dead_letter_of_that_site()
    {
        Script.OnEvent = (_, _, _) => throw new InvalidOperationException("always");
        await StartAsync("queueactors.processing { max-retries = 2, queue-overrides.work.default-site = \"zulip.example\" }");

        var plain = await PublishPlainAsync("""{"text":"doomed"}""");

        var record = await Recorder.WaitForDeadLetterAsync(plain.MessageId, Wait);
        Assert.Equal(("zulip.example", "work", DeadLetterReason.RetriesExhausted, 3), (record.Site, record.Queue, record.Reason, record.Attempts));
        Assert.NotEqual(record.FirstFailureAt, record.LastFailureAt);
    }

    [Fact]
    public async Task A_plain_event_whose_queue_assumes_no_site_is_a_dead_letter_under_the_placeholder_site_saying_how_to_name_one()
    {
        await StartAsync();

        var plain = await PublishPlainAsync("""{"text":"whose?"}""");

        var record = await Recorder.WaitForDeadLetterAsync(plain.MessageId, Wait);
        Assert.Equal((DeadLetterRecord.NoSite, "work", DeadLetterReason.Undecodable), (record.Site, record.Queue, record.Reason));
        Assert.Contains("queue-overrides.work.default-site", record.ExceptionMessage);
        Assert.Empty(Recorder.Handled);
    }

    /// <summary>What the transport hands on for a plain message: no site, the routing key as queue.</summary>
    private async Task<Envelope> PublishPlainAsync(string json)
    {
        var plain = new Envelope
        {
            Site = string.Empty,
            Queue = "qa.work",
            EnqueuedAt = DateTimeOffset.UtcNow,
            ContentType = "application/octet-stream",
            Body = Encoding.UTF8.GetBytes(json),
        };
        await Harness.Transport.PublishAsync("qa.work", plain);
        return plain;
    }
}
