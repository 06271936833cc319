using Xunit;

namespace QueueActors.Tests.Config;

public sealed class AppendTests
{
    [Fact]
    public void Appends_to_an_earlier_array()
    {
        var config = Hocon.Resolve("roles = [worker]\nroles += seed\nroles += xmpp");

        Assert.Equal(["worker", "seed", "xmpp"], config.GetStringList("roles"));
    }

    [Fact]
    public void Appends_an_array_as_one_element()
    {
        // a += x is a = ${?a} [x], so an array on the right becomes a single (array) element.
        var config = Hocon.Resolve("matrix = [1]\nmatrix += [2, 3]");

        var error = Assert.Throws<Actors.Config.HoconException>(() => config.GetStringList("matrix"));

        Assert.Equal("test.conf:2:11: matrix[1]: expected a string, found [2, 3]", error.Message);
    }

    [Fact]
    public void Starts_a_new_array_when_the_key_is_unset()
    {
        Assert.Equal(["x"], Hocon.Resolve("a += x").GetStringList("a"));
    }

    [Fact]
    public void Appends_to_the_fallback_array()
    {
        var reference = Actors.Config.HoconConfig.Parse("roles = [worker, seed]", "reference.conf");
        var user = Actors.Config.HoconConfig.Parse("roles += xmpp", "app.conf");

        Assert.Equal(["worker", "seed", "xmpp"], user.WithFallback(reference).Resolve(Hocon.Environment()).GetStringList("roles"));
    }

    [Fact]
    public void Appending_to_a_non_array_is_an_error()
    {
        var error = Hocon.Error("a = text\na += x");

        Assert.Equal("test.conf:2:6: a: cannot concatenate a string with an array (put them on separate lines, or quote the string)", error.Message);
    }
}
