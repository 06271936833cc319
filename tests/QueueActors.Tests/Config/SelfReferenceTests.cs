using Xunit;

namespace QueueActors.Tests.Config;

public sealed class SelfReferenceTests
{
    [Fact]
    public void A_key_can_build_on_its_earlier_value()
    {
        var config = Hocon.Resolve("path = \"a:b\"\npath = ${path}\":c\"\npath = ${path}\":d\"");

        Assert.Equal("a:b:c:d", config.GetString("path"));
    }

    [Fact]
    public void A_self_reference_in_the_user_file_builds_on_the_fallback_value()
    {
        var reference = Actors.Config.HoconConfig.Parse("app { path = /usr/bin }", "reference.conf");
        var user = Actors.Config.HoconConfig.Parse("app { path = ${app.path}\":/opt/bin\" }", "app.conf");

        Assert.Equal("/usr/bin:/opt/bin", user.WithFallback(reference).Resolve(Hocon.Environment()).GetString("app.path"));
    }

    [Fact]
    public void A_self_reference_can_read_into_the_earlier_object()
    {
        var config = Hocon.Resolve("foo { a = 1 }\nfoo = ${foo.a}");

        Assert.Equal(1, config.GetInt("foo"));
    }

    [Fact]
    public void An_object_extends_its_earlier_value_by_concatenation()
    {
        var config = Hocon.Resolve("foo { a = 1 }\nfoo = ${foo} { b = 2 }");

        Assert.Equal(1, config.GetInt("foo.a"));
        Assert.Equal(2, config.GetInt("foo.b"));
    }

    [Fact]
    public void A_self_reference_with_no_earlier_value_falls_back_to_the_environment()
    {
        var config = Hocon.Resolve("PATH = ${PATH}\":/extra\"", ("PATH", "/bin"));

        Assert.Equal("/bin:/extra", config.GetString("PATH"));
    }

    [Fact]
    public void A_self_reference_with_no_earlier_value_at_all_is_an_error()
    {
        var error = Hocon.Error("a = ${a}x");

        Assert.StartsWith("test.conf:1:5: a: expected a setting or an environment variable named a for ${a}", error.Message);
    }
}
