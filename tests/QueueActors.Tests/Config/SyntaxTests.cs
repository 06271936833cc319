using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>Separators, commas, newlines, comments and root braces.</summary>
public sealed class SyntaxTests
{
    [Fact]
    public void Accepts_equals_colon_and_no_separator_before_a_brace()
    {
        var config = Hocon.Resolve("a = 1\nb : 2\nc { d = 3 }");

        Assert.Equal([1, 2, 3], new[] { "a", "b", "c.d" }.Select(config.GetInt));
    }

    [Fact]
    public void Skips_hash_and_double_slash_comments_but_not_inside_quotes()
    {
        var config = Hocon.Resolve("""
            # a comment
            a = 1 // another
            b = "not # a comment"
            c = "http://example.com" # trailing
            """);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal("not # a comment", config.GetString("b"));
        Assert.Equal("http://example.com", config.GetString("c"));
    }

    [Fact]
    public void Newlines_or_commas_separate_fields_and_array_elements()
    {
        var config = Hocon.Resolve("a = [1\n2, 3,\n]\nb = 1, c = 2,");

        Assert.Equal(["1", "2", "3"], config.GetStringList("a"));
        Assert.Equal(["a", "b", "c"], config.Keys);
    }

    [Theory]
    [InlineData("a = [1,,2]", 1, 8, "expected a value or ']', found ','")]
    [InlineData("a = [,1]", 1, 6, "expected a value or ']', found ','")]
    [InlineData("a = 1,, b = 2", 1, 7, "expected a key, found ','")]
    [InlineData("a = 1 b = 2", 1, 9, "expected a value, found '='")]
    public void Rejects_misplaced_commas_and_missing_separators(string text, int line, int column, string reason)
    {
        var error = Hocon.Error(text);

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.StartsWith(reason, error.Reason);
    }

    [Fact]
    public void Root_braces_are_optional_and_json_is_hocon()
    {
        var json = Hocon.Resolve("""{ "a": { "b": [1, 2.5, true, "x"], "c": 2.5 } }""");
        var hocon = Hocon.Resolve("a.b = [1, 2.5, true, x]\na.c = 2.5");

        Assert.Equal(["1", "2.5", "true", "x"], json.GetStringList("a.b"));
        Assert.Equal(json.GetStringList("a.b"), hocon.GetStringList("a.b"));
        Assert.Equal(2.5, json.GetDouble("a.c"));
    }

    [Fact]
    public void An_empty_document_is_an_empty_object()
    {
        Assert.Empty(Hocon.Resolve("  \n# nothing\n").Keys);
    }
}
