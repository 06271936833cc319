using Xunit;

namespace QueueActors.Tests.Config;

public sealed class ObjectMergingTests
{
    [Fact]
    public void Merges_objects_with_the_same_key()
    {
        var config = Hocon.Resolve("""
            foo : { a : 42 }
            foo : { b : 43 }
            """);

        Assert.Equal(42, config.GetInt("foo.a"));
        Assert.Equal(43, config.GetInt("foo.b"));
    }

    [Fact]
    public void A_later_non_object_value_replaces_the_earlier_one()
    {
        var config = Hocon.Resolve("a = { x = 1 }\na = 5\nb = 1\nb = { y = 2 }");

        Assert.Equal(5, config.GetInt("a"));
        Assert.False(config.HasPath("b.x"));
        Assert.Equal(2, config.GetInt("b.y"));
    }

    [Fact]
    public void Null_in_between_prevents_the_merge()
    {
        var config = Hocon.Resolve("""
            foo : { a : 42 }
            foo : null
            foo : { b : 43 }
            """);

        Assert.False(config.HasPath("foo.a"));
        Assert.Equal(43, config.GetInt("foo.b"));
    }

    [Fact]
    public void Merges_nested_objects_recursively_with_later_fields_winning()
    {
        var config = Hocon.Resolve("""
            a { b { x = 1, y = 2 } }
            a { b { y = 3, z = 4 } }
            """);

        Assert.Equal([1, 3, 4], new[] { "x", "y", "z" }.Select(key => config.GetInt("a.b." + key)));
        Assert.Equal(["x", "y", "z"], config.GetConfig("a.b").Keys);
    }

    [Fact]
    public void Fallback_fills_missing_keys_and_merges_objects()
    {
        var user = HoconConfig("a { x = 1 }\nonly-user = u");
        var reference = HoconConfig("a { x = 0, y = 2 }\nonly-reference = r");

        var config = user.WithFallback(reference).Resolve(Hocon.Environment());

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
        Assert.Equal("u", config.GetString("only-user"));
        Assert.Equal("r", config.GetString("only-reference"));
    }

    [Fact]
    public void A_non_object_in_the_middle_of_fallbacks_hides_the_objects_below_it()
    {
        // The spec's example: objects merge only when adjacent.
        var first = HoconConfig("a : { x : 1 }");
        var second = HoconConfig("a : 42");
        var third = HoconConfig("a : { y : 2 }");

        var hidden = first.WithFallback(second).WithFallback(third).Resolve();
        var adjacent = first.WithFallback(third).WithFallback(second).Resolve();

        Assert.False(hidden.HasPath("a.y"));
        Assert.Equal(1, hidden.GetInt("a.x"));
        Assert.Equal(2, adjacent.GetInt("a.y"));
    }

    private static Actors.Config.HoconConfig HoconConfig(string text) => Actors.Config.HoconConfig.Parse(text, "test.conf");
}
