using Xunit;

namespace QueueActors.Tests.Config;

public sealed class StringLiteralTests
{
    [Fact]
    public void Quoted_strings_decode_json_escapes()
    {
        var config = Hocon.Resolve("""a = "tab\tquote\"slash\/back\\ \u0041\n" """);

        Assert.Equal("tab\tquote\"slash/back\\ A\n", config.GetString("a"));
    }

    [Fact]
    public void Triple_quoted_strings_are_raw_and_may_span_lines()
    {
        var config = Hocon.Resolve("a = \"\"\"line one\n  \\n is not an escape, \"quotes\" are fine\"\"\"\nb = \"\"\"\"x\"\"\"\"");

        Assert.Equal("line one\n  \\n is not an escape, \"quotes\" are fine", config.GetString("a"));
        Assert.Equal("\"x\"", config.GetString("b"));
    }

    [Fact]
    public void An_unterminated_string_is_an_error_where_it_starts()
    {
        var error = Hocon.Error("a = 1\nb = \"open\nc = 2");

        Assert.Equal("test.conf:2:5: expected '\"' to close the quoted string, found end of line", error.Message);
    }

    [Fact]
    public void An_unknown_escape_is_an_error_at_the_backslash()
    {
        var error = Hocon.Error("a = \"x\\qy\"");

        Assert.StartsWith("test.conf:1:7: expected an escape", error.Message);
    }

    [Fact]
    public void Reserved_characters_must_be_quoted()
    {
        var error = Hocon.Error("a = what?");

        Assert.StartsWith("test.conf:1:9: '?' is reserved", error.Message);
    }
}
