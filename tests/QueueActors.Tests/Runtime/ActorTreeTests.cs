using QueueActors.Actors.Runtime;
using QueueActors.TestKit;
using Xunit;

namespace QueueActors.Tests.Runtime;

public sealed class ActorTreeTests : TestKitBase
{
    [Fact]
    public async Task The_actor_tree_lists_actors_by_path_with_their_classes_and_children_in_name_order()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent()), "parent");
        await parent.AskAsync<string>("start");

        var user = Sys.GetActorTree(userOnly: true);

        Assert.Equal("qa://test/user", user.Path);
        var node = Assert.Single(user.Children, c => c.Name == "parent");
        Assert.Equal(nameof(Parent), node.Actor);
        Assert.Equal(["a", "b"], node.Children.Select(c => c.Name));
        Assert.Equal("qa://test/user/parent/a", node.Children[0].Path);
        Assert.Contains(Sys.GetActorTree().Children, c => c.Name == "system");
    }

    [Fact]
    public async Task A_stopped_actor_leaves_the_tree()
    {
        var parent = Sys.ActorOf(Props.Create(() => new Parent()), "parent");
        await parent.AskAsync<string>("start");
        var probe = CreateProbe();
        probe.Watch(parent);

        Sys.Stop(parent);
        await probe.ExpectTerminatedAsync(parent);

        Assert.DoesNotContain(Sys.GetActorTree(userOnly: true).Children, c => c.Name == "parent");
    }

    private sealed class Parent : ActorBase
    {
        protected override ValueTask ReceiveAsync(object message)
        {
            Context.ActorOf(Props.Create(() => new Parent()), "b");
            Context.ActorOf(Props.Create(() => new Parent()), "a");
            Reply("started");
            return ValueTask.CompletedTask;
        }
    }
}
