using System.Text.Json;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing.DeadLetters;
using QueueActors.Processors;
using QueueActors.Processors.Webhook;
using QueueActors.TestKit;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Processors;

/// <summary>The webhook processor through the whole pipeline against a real HTTP server (<see cref="WebhookReceiver"/>).</summary>
[Trait("Category", "Integration")]
public sealed class WebhookProcessorTests(ITestOutputHelper output) : ProcessorHarnessTestBase(output)
{
    private const string SecretVariable = "QA_TEST_WEBHOOK_SECRET";
    private const string Secret = "whsec-4d1c9e-test-only";
    private WebhookReceiver? _receiver;

    private WebhookReceiver Receiver => _receiver ?? throw new InvalidOperationException("No receiver.");

    [Fact]
    public async Task The_payload_arrives_as_json_with_a_signature_that_verifies_and_the_message_id()
    {
        await StartWithReceiverAsync();

        var id = await Harness.Publisher.PublishAsync("example.org", "webhook", new WebhookEvent(Receiver.Url("ok"), JsonSerializer.SerializeToElement(new { user = "ada", action = "signup" })));
        await Recorder.WaitForHandledAsync(id);

        var request = Assert.Single(Receiver.Requests);
        Assert.Equal("signup", JsonDocument.Parse(request.Body).RootElement.GetProperty("action").GetString());
        Assert.Equal("application/json; charset=utf-8", request.ContentType);
        Assert.Equal(id, request.MessageId);
        Assert.Matches("^t=[0-9]+,v1=[0-9a-f]{64}$", request.Signature);
        var key = System.Text.Encoding.UTF8.GetBytes(Secret);
        Assert.True(WebhookSignature.Verify(key, request.Signature, request.Body, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify("another key"u8, request.Signature, request.Body, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify(key, request.Signature, [.. request.Body, (byte)' '], TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow));
        Assert.False(WebhookSignature.Verify(key, request.Signature, request.Body, TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddMinutes(10)));
        AssertNotLogged(Secret);
    }

    [Fact]
    public async Task A_500_is_retried_with_backoff_and_the_retry_that_gets_200_handles_it()
    {
        await StartWithReceiverAsync();
        Receiver.Script = (_, before) => before == 0 ? 500 : 200;

        var id = await Harness.Publisher.PublishAsync("example.org", "webhook", new WebhookEvent(Receiver.Url("flaky"), JsonSerializer.SerializeToElement(1)));
        await Recorder.WaitForHandledAsync(id);

        Assert.Equal([500, 200], Receiver.Requests.Select(r => r.Status));
        Assert.Contains("500", Assert.Single(Recorder.Retried).Error!.Message, StringComparison.Ordinal);
        Assert.Empty(Recorder.DeadLettered);
    }

    [Fact]
    public async Task A_404_is_dead_lettered_at_once_with_the_status()
    {
        await StartWithReceiverAsync();
        Receiver.Script = (_, _) => 404;

        var id = await Harness.Publisher.PublishAsync("example.org", "webhook", new WebhookEvent(Receiver.Url("missing") + "?token=hidden", JsonSerializer.SerializeToElement(1)));
        var letter = await Recorder.WaitForDeadLetterAsync(id);

        Assert.Equal((DeadLetterReason.Rejected, 1), (letter.Reason, letter.Attempts));
        Assert.Contains("answered 404", letter.ExceptionMessage, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden", letter.ExceptionMessage, StringComparison.Ordinal);
        Assert.Single(Receiver.Requests);
        Assert.Empty(Recorder.Retried);
    }

    [Fact]
    public async Task A_receiver_that_does_not_answer_in_time_is_retried()
    {
        await StartWithReceiverAsync(timeout: TimeSpan.FromMilliseconds(300));
        Receiver.Script = (_, before) => before == 0 ? -1 : 200;

        var id = await Harness.Publisher.PublishAsync("example.org", "webhook", new WebhookEvent(Receiver.Url("slow"), JsonSerializer.SerializeToElement(1)));
        await Recorder.WaitForHandledAsync(id);

        Assert.IsType<TimeoutException>(Assert.Single(Recorder.Retried).Error);
        Assert.Equal([-1, 200], Receiver.Requests.Select(r => r.Status));
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }

        Environment.SetEnvironmentVariable(SecretVariable, null);
    }

    private async Task StartWithReceiverAsync(TimeSpan? timeout = null)
    {
        _receiver = await WebhookReceiver.StartAsync();
        Environment.SetEnvironmentVariable(SecretVariable, Secret);
        var settings = new WebhookSettings { Secret = new SecretSource(null, SecretVariable), Timeout = TestKitSettings.Dilated(timeout ?? TimeSpan.FromSeconds(10)) };
        await StartAsync(services => services.AddWebhookProcessor(settings), "queueactors.processing.max-retries = 3");
    }
}
