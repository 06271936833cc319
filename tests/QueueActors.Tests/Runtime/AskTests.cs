using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class AskTests : TestKitBase
{
    [Fact]
    public async Task Ask_returns_the_reply()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>(), "echo");

        Assert.Equal("hello", await echo.AskAsync<string>("hello"));
    }

    [Fact]
    public async Task Ask_timeout_names_the_target_and_the_time()
    {
        var silent = Sys.ActorOf(Props.Create(() => new DelegateActor(_ => { })), "silent");

        var timeout = await Assert.ThrowsAsync<AskTimeoutException>(() => silent.AskAsync<string>("hello", TimeSpan.FromMilliseconds(100)));

        Assert.Contains("qa://test/user/silent", timeout.Message);
        Assert.Contains("100 ms", timeout.Message);
    }

    [Fact]
    public async Task A_failure_reply_is_thrown_to_the_caller()
    {
        var failing = Sys.ActorOf(Props.Create<EchoActor>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            failing.AskAsync<string>(new Status.Failure(new InvalidOperationException("no such site"))));

        Assert.Equal("no such site", error.Message);
    }

    [Fact]
    public async Task A_reply_of_the_wrong_type_says_what_was_expected()
    {
        var echo = Sys.ActorOf(Props.Create<EchoActor>());

        var error = await Assert.ThrowsAsync<InvalidCastException>(() => echo.AskAsync<string>(42));

        Assert.Contains("expected a String reply but got a Int32", error.Message);
    }
}
