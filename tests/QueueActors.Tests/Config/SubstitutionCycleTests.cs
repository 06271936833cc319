using Xunit;

namespace QueueActors.Tests.Config;

public sealed class SubstitutionCycleTests
{
    [Fact]
    public void Reports_a_cycle_between_two_keys_with_its_chain()
    {
        var error = Hocon.Error("a = ${b}\nb = ${a}");

        Assert.Equal("test.conf:1:5: a: expected substitutions without a cycle, found ${b} -> ${a} -> ${b}", error.Message);
    }

    [Fact]
    public void Reports_an_object_that_contains_a_reference_to_itself()
    {
        var error = Hocon.Error("a { b = ${a} }");

        Assert.Contains("expected substitutions without a cycle", error.Message);
        Assert.StartsWith("test.conf:1:9: a.b:", error.Message);
    }

    [Fact]
    public void Stops_a_very_long_chain_with_an_error_instead_of_overflowing_the_stack()
    {
        var text = string.Join('\n', Enumerable.Range(0, 5000).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk5000 = end";

        var error = Hocon.Error(text);

        Assert.Contains("expected substitutions at most 200 deep", error.Message);
    }

    [Fact]
    public void Resolves_a_chain_within_the_limit()
    {
        var text = string.Join('\n', Enumerable.Range(0, 100).Select(i => $"k{i} = ${{k{i + 1}}}")) + "\nk100 = end";

        Assert.Equal("end", Hocon.Resolve(text).GetString("k0"));
    }
}
