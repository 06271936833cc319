using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>
/// Input that Akka.NET's HOCON parser would accept without a word and read as something else, or crash on
/// (stack overflow): an error with file, line and column instead.
/// </summary>
public sealed class AkkaDialectErrorTests
{
    [Fact]
    public void An_optional_substitution_is_an_error_not_a_shifted_parse()
    {
        // Akka reads ${?X} as an empty path followed by the text "X}", closing the enclosing object early.
        var error = Hocon.Error("a {\n  name = ${?NODE_NAME}\n}");

        Assert.StartsWith("test.conf:2:10: a.name: expected a substitution ${path}, found ${?...}", error.Message);
    }

    [Fact]
    public void Plus_equals_is_an_error_not_a_key_named_with_a_plus()
    {
        var error = Hocon.Error("a = [1]\na += 2");

        Assert.StartsWith("test.conf:2:3: a: expected '=' or ':', found '+='", error.Message);
    }

    [Fact]
    public void Text_after_the_root_objects_closing_brace_is_an_error_not_dropped()
    {
        var error = Hocon.Error("{ a = 1 }\nb = 2");

        Assert.Equal("test.conf:2:1: expected end of file after the '}' that closes the root object, found 'b'", error.Message);
    }

    [Fact]
    public void An_unquoted_url_is_an_error_at_the_value()
    {
        var error = Hocon.Error("servers = [amqp://guest:guest@localhost]");

        Assert.StartsWith("test.conf:1:12: expected a value, found 'amqp:' (a value holding '=' or ':', such as a URL, must be quoted)", error.Message);
    }

    [Fact]
    public void An_unresolved_substitution_is_an_error_at_the_substitution()
    {
        var error = Hocon.Error("a = 1\nb {\n  c = ${nope.x}\n}");

        Assert.StartsWith("test.conf:3:7: expected a setting at ${nope.x}, found none", error.Message);
    }

    [Theory]
    [InlineData("a = ${b}\nb = ${a}")]
    [InlineData("p = a\np = ${p}\":b\"")]
    [InlineData("a { b = ${a} }")]
    public void A_substitution_cycle_is_an_error_naming_a_key_not_a_stack_overflow(string text)
    {
        var error = Hocon.Error(text);

        Assert.Contains("expected a value, found a substitution cycle", error.Message);
        Assert.StartsWith("test.conf:", error.Message);
        Assert.NotNull(error.Path);
    }

    [Fact]
    public void A_very_long_substitution_chain_is_an_error_not_a_stack_overflow()
    {
        var text = string.Join('\n', Enumerable.Range(0, 100_000).Select(i => $"a{i} = ${{a{i + 1}}}")) + "\na100000 = 1";

        var error = Hocon.Error(text);

        Assert.Contains($"expected at most {HoconScanner.MaxDepth * 5} substitutions in a chain", error.Message);
    }

    [Fact]
    public void A_chain_within_the_limit_resolves()
    {
        var text = string.Join('\n', Enumerable.Range(0, 100).Select(i => $"a{i} = ${{a{i + 1}}}")) + "\na100 = 7";

        Assert.Equal(7, Hocon.Resolve(text).GetInt("a0"));
    }

    [Fact]
    public void A_quoted_dot_does_not_separate_path_elements()
    {
        var config = Hocon.Resolve("sites { \"example.com\" { q = 1 } }");

        Assert.Equal(1, config.GetInt("sites.\"example.com\".q"));
        Assert.Equal(["example.com"], config.GetConfig("sites").Keys);
    }
}
