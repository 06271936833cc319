using Xunit;

namespace QueueActors.Tests.Config;

public sealed class ValueConcatenationTests
{
    [Fact]
    public void Unquoted_words_join_into_one_string_keeping_inner_whitespace()
    {
        var config = Hocon.Resolve("a =   foo bar  baz   \nb = foo\"bar\" \"x y\"");

        Assert.Equal("foo bar  baz", config.GetString("a"));
        Assert.Equal("foobar x y", config.GetString("b"));
    }

    [Fact]
    public void Numbers_and_booleans_are_concatenated_as_written()
    {
        var config = Hocon.Resolve("a = 1.50 apples\nb = true story\nc = 10.0.1");

        Assert.Equal("1.50 apples", config.GetString("a"));
        Assert.Equal("true story", config.GetString("b"));
        Assert.Equal("10.0.1", config.GetString("c"));
    }

    [Fact]
    public void A_single_value_keeps_its_type()
    {
        var config = Hocon.Resolve("flag = true\nnumber = 1e3\nnothing = null");

        Assert.True(config.GetBool("flag"));
        Assert.Equal(1000, config.GetLong("number"));
        Assert.False(config.HasPath("nothing"));
    }

    [Fact]
    public void Arrays_on_one_line_are_appended()
    {
        var config = Hocon.Resolve("a = [1, 2] [3]");

        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
    }

    [Fact]
    public void Objects_on_one_line_are_merged()
    {
        var config = Hocon.Resolve("a = { x = 1, y = 1 } { y = 2 }");

        Assert.Equal(1, config.GetInt("a.x"));
        Assert.Equal(2, config.GetInt("a.y"));
    }

    [Fact]
    public void Mixing_an_object_with_a_string_is_an_error_at_the_odd_part()
    {
        var error = Hocon.Error("a = { x = 1 } foo");

        Assert.Equal("test.conf:1:15: a: cannot concatenate an object with a string (put them on separate lines, or quote the string)", error.Message);
    }
}
