using QueueActors.TestKit;
using Xunit;
using Xunit.Sdk;

namespace QueueActors.Tests.TestKitTests;

public sealed class TestProbeTests : TestKitBase
{
    [Fact]
    public async Task ExpectMsgAsync_times_out_with_a_message_naming_the_probe_and_the_expectation()
    {
        var probe = CreateProbe("waiting");

        var error = await Assert.ThrowsAsync<XunitException>(() => probe.ExpectMsgAsync<string>(timeout: TimeSpan.FromMilliseconds(50)));

        Assert.Contains("waiting for a String at probe qa://test/temp/waiting", error.Message);
    }

    [Fact]
    public async Task ExpectMsgAsync_fails_on_a_message_of_another_type_or_not_matching()
    {
        TestActor.Ref.Tell(42);
        TestActor.Ref.Tell("no");

        await Assert.ThrowsAsync<XunitException>(() => TestActor.ExpectMsgAsync<string>());
        await Assert.ThrowsAsync<XunitException>(() => TestActor.ExpectMsgAsync<string>(s => s == "yes"));
    }

    [Fact]
    public async Task ExpectNoMsgAsync_fails_when_a_message_arrives()
    {
        TestActor.Ref.Tell("surprise");

        var error = await Assert.ThrowsAsync<XunitException>(() => TestActor.ExpectNoMsgAsync());

        Assert.Contains("surprise", error.Message);
    }

    [Fact]
    public async Task FishForMessageAsync_skips_what_does_not_match()
    {
        foreach (var n in new[] { 1, 2, 3, 4 })
        {
            TestActor.Ref.Tell(n);
        }

        Assert.Equal(3, await TestActor.FishForMessageAsync<int>(n => n > 2));
        Assert.Equal(4, await TestActor.ExpectMsgAsync<int>());
    }

    [Fact]
    public async Task Reply_answers_the_sender_of_the_last_message()
    {
        var other = CreateProbe();
        other.Send(TestActor.Ref, "question");
        await TestActor.ExpectMsgAsync("question");

        TestActor.Reply("answer");

        await other.ExpectMsgAsync("answer");
        Assert.Equal(TestActor.Ref, other.LastSender);
    }
}
