using Xunit;

namespace QueueActors.Tests.Config;

public sealed class PathKeyTests
{
    [Fact]
    public void A_dotted_key_is_the_same_as_nested_objects()
    {
        var dotted = Hocon.Resolve("foo.bar.baz : 42");
        var nested = Hocon.Resolve("foo { bar { baz : 42 } }");

        Assert.Equal(42, dotted.GetInt("foo.bar.baz"));
        Assert.Equal(nested.GetInt("foo.bar.baz"), dotted.GetInt("foo.bar.baz"));
    }

    [Fact]
    public void Dotted_keys_merge_with_each_other_and_with_objects()
    {
        var config = Hocon.Resolve("a.x : 42, a.y : 43\na { z = 44 }");

        Assert.Equal(["x", "y", "z"], config.GetConfig("a").Keys);
    }

    [Fact]
    public void A_quoted_dot_does_not_separate_path_elements()
    {
        var config = Hocon.Resolve("sites.\"example.com\".queue = email");

        Assert.Equal("email", config.GetString("sites.\"example.com\".queue"));
        Assert.Equal(["example.com"], config.GetConfig("sites").Keys);
    }

    [Fact]
    public void Whitespace_between_key_parts_is_part_of_the_key()
    {
        var config = Hocon.Resolve("a b c : 42");

        Assert.Equal(["a b c"], config.Keys);
    }

    [Fact]
    public void A_number_in_a_key_is_split_on_its_dot_as_written()
    {
        var config = Hocon.Resolve("10.0foo : 1\ntrue : 2");

        Assert.Equal(1, config.GetInt("\"10\".\"0foo\""));
        Assert.Equal(2, config.GetInt("\"true\""));
    }

    [Theory]
    [InlineData("a..b = 1", 1, 1)]
    [InlineData("x = 1\n.a = 1", 2, 1)]
    [InlineData("a. = 1", 1, 1)]
    public void An_empty_path_element_is_an_error(string text, int line, int column)
    {
        var error = Hocon.Error(text);

        Assert.StartsWith($"test.conf:{line}:{column}: expected a path element between dots", error.Message);
    }

    [Fact]
    public void A_quoted_empty_key_is_allowed()
    {
        var config = Hocon.Resolve("a.\"\".b = 1");

        Assert.Equal(1, config.GetInt("a.\"\".b"));
    }
}
