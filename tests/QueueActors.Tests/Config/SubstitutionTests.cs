using Xunit;

namespace QueueActors.Tests.Config;

public sealed class SubstitutionTests
{
    [Fact]
    public void Resolves_against_the_root_including_forward_references()
    {
        var config = Hocon.Resolve("a = ${b.c}\nb { c = 42 }");

        Assert.Equal(42, config.GetInt("a"));
    }

    [Fact]
    public void Sees_the_last_value_of_a_key_that_was_overridden()
    {
        var config = Hocon.Resolve("dir = /opt\nlogs = ${dir}/logs\ndir = /srv");

        Assert.Equal("/srv/logs", config.GetString("logs"));
    }

    [Fact]
    public void Sees_a_value_overridden_by_the_user_over_the_fallback()
    {
        var reference = Actors.Config.HoconConfig.Parse("dir = /opt\nlogs = ${dir}\"/logs\"", "reference.conf");
        var user = Actors.Config.HoconConfig.Parse("dir = /srv", "app.conf");

        Assert.Equal("/srv/logs", user.WithFallback(reference).Resolve(Hocon.Environment()).GetString("logs"));
    }

    [Fact]
    public void Keeps_the_type_of_a_lone_substitution_and_concatenates_otherwise()
    {
        var config = Hocon.Resolve("n = 5\nlist = [a]\nobj { x = 1 }\na = ${n}\nb = ${list}\nc = ${obj}\nd = ${n} items");

        Assert.Equal(5, config.GetInt("a"));
        Assert.Equal(["a"], config.GetStringList("b"));
        Assert.Equal(1, config.GetInt("c.x"));
        Assert.Equal("5 items", config.GetString("d"));
    }

    [Fact]
    public void An_object_may_refer_to_its_own_fields()
    {
        var config = Hocon.Resolve("bar : { foo : 42, baz : ${bar.foo} }");

        Assert.Equal(42, config.GetInt("bar.baz"));
    }

    [Fact]
    public void A_substituted_object_merges_with_an_object_on_the_same_line()
    {
        var config = Hocon.Resolve("base { x = 1, y = 1 }\nderived = ${base} { y = 2 }");

        Assert.Equal(1, config.GetInt("derived.x"));
        Assert.Equal(2, config.GetInt("derived.y"));
    }

    [Fact]
    public void A_null_substitution_is_empty_in_a_string()
    {
        var config = Hocon.Resolve("n = null\na = x${n}y");

        Assert.Equal("xy", config.GetString("a"));
    }

    [Fact]
    public void A_missing_required_substitution_is_an_error_at_the_substitution()
    {
        var error = Hocon.Error("a = 1\nb {\n  c = \"x\" ${nope.here}\n}");

        Assert.Equal(
            "test.conf:3:11: b.c: expected a setting or an environment variable named nope.here for ${nope.here}, found neither (write ${?nope.here} if it may be absent)",
            error.Message);
    }

    [Fact]
    public void A_substitution_inside_quotes_is_plain_text()
    {
        Assert.Equal("${a}", Hocon.Resolve("a = 1\nb = \"${a}\"").GetString("b"));
    }
}
