using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>Every error message starts with file:line:column and says what was expected.</summary>
public sealed class ParseErrorPositionTests
{
    [Fact]
    public void An_unclosed_brace_is_reported_at_the_end_of_file_with_where_it_opened()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("a {\n  b = 1\n", "app.conf"));

        Assert.Equal("app.conf:3:1: a: expected '}' to close the object opened at 1:3, found end of file", error.Message);
        Assert.Equal(("app.conf", 3, 1), (error.Origin, error.Line, error.Column));
    }

    [Fact]
    public void A_closing_brace_without_an_opening_one_is_an_error()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("a = 1\n}", "app.conf"));

        Assert.Equal("app.conf:2:1: expected a key or end of file, found '}' with no '{' to close", error.Message);
    }

    [Fact]
    public void An_unclosed_array_is_reported_with_the_key()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("x {\n  roles = [a, b", "app.conf"));

        Assert.Equal("app.conf:2:16: x.roles: expected ']' to close the array opened at 2:11, found end of file", error.Message);
    }

    [Fact]
    public void A_key_without_a_value_is_reported_at_what_came_instead()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("x {\n  a.b =   \n}", "app.conf"));

        Assert.Equal("app.conf:3:1: x.a.b: expected a value, found '}'", error.Message);
    }

    [Fact]
    public void A_key_without_a_separator_is_reported_with_what_was_found()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("a b\n", "app.conf"));

        Assert.Equal("app.conf:1:4: \"a b\": expected ':', '=' or '{' after the key, found end of line", error.Message);
    }

    [Fact]
    public void A_substitution_in_a_key_is_an_error()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("${a} = 1", "app.conf"));

        Assert.Equal("app.conf:1:1: expected a key, found '$'", error.Message);
    }

    [Fact]
    public void An_unclosed_substitution_is_an_error_at_what_ends_it()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("a = ${b.c\nd = 1", "app.conf"));

        Assert.Equal("app.conf:1:10: a: expected a path and '}' to close the substitution opened at 1:5, found end of line", error.Message);
    }

    [Fact]
    public void An_array_at_the_root_is_an_error()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("[1, 2]", "app.conf"));

        Assert.Equal("app.conf:1:1: expected a key, found '['", error.Message);
    }

    [Fact]
    public void Text_without_a_file_is_labelled_string()
    {
        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse("a = {"));

        Assert.StartsWith("<string>:1:6: ", error.Message);
    }

    [Fact]
    public void An_unterminated_string_is_an_error_at_the_end_of_its_line()
    {
        var error = Hocon.Error("a = \"abc\nb = 2");

        Assert.Equal("test.conf:1:9: expected '\"' to close the string opened at 1:5, found end of line", error.Message);
    }

    [Fact]
    public void An_unknown_escape_is_an_error_at_the_backslash()
    {
        var error = Hocon.Error("a = \"x\\qy\"");

        Assert.StartsWith("test.conf:1:7: expected an escape such as \\n", error.Message);
    }

    [Theory]
    [InlineData("a = x@y", 1, 6, '@')]
    [InlineData("a = !", 1, 5, '!')]
    public void Reserved_characters_must_be_quoted(string text, int line, int column, char reserved)
    {
        var error = Hocon.Error(text);

        Assert.StartsWith($"test.conf:{line}:{column}: a: expected a value, found '{reserved}'", error.Message);
    }

    [Fact]
    public void Commas_between_fields_are_read_where_Akka_alone_would_reject_them()
    {
        // Akka.NET's parser alone: "Unknown token at position 17" for a comma after key { } or at a line's start.
        var config = Hocon.Resolve("x = 0\na { b = 1 }, c = 2\nd = 3\n, e = 4");

        Assert.Equal([1, 2, 3, 4], new[] { "a.b", "c", "d", "e" }.Select(config.GetInt));
    }
}
