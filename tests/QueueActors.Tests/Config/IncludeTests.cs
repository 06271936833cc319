using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

public sealed class IncludeTests : IDisposable
{
    private readonly TempConfigFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Includes_a_file_relative_to_the_including_file_not_the_working_directory()
    {
        folder.Write("conf/base.conf", "a = 1\nb = 2");
        var app = folder.Write("conf/app.conf", "include \"base.conf\"\nb = 3");

        var config = HoconConfig.Load(app);

        Assert.Equal(1, config.GetInt("a"));
        Assert.Equal(3, config.GetInt("b"));
    }

    [Fact]
    public void Includes_into_an_object_from_a_nested_folder_relative_to_the_including_file()
    {
        folder.Write("conf/sites/one.conf", "include \"../shared/queues.conf\"\nname = one");
        folder.Write("conf/shared/queues.conf", "queues = [email, push]");
        var app = folder.Write("conf/app.conf", "site { include \"sites/one.conf\" }");

        var config = HoconConfig.Load(app);

        Assert.Equal("one", config.GetString("site.name"));
        Assert.Equal(["email", "push"], config.GetStringList("site.queues"));
    }

    [Theory]
    [InlineData("include file(\"x.conf\")")]
    [InlineData("include required(\"x.conf\")")]
    [InlineData("include url(\"http://x\")")]
    [InlineData("include classpath(\"x.conf\")")]
    public void Include_forms_Akka_does_not_read_are_an_error_at_the_include(string written)
    {
        var error = Hocon.Error("a = 1\n" + written);

        Assert.StartsWith("test.conf:2:9: expected a quoted file name after include", error.Message);
    }

    [Fact]
    public void Positions_of_included_keys_name_the_included_file()
    {
        var extra = folder.Write("extra.conf", "a {\n  t = fast\n}");
        var app = folder.Write("app.conf", "x = 1\ninclude \"extra.conf\"");

        var error = Assert.Throws<HoconException>(() => HoconConfig.Load(app).GetInt("a.t"));

        Assert.Equal($"{extra}:2:7: a.t: expected an integer, found \"fast\"", error.Message);
    }

    [Fact]
    public void Included_keys_merge_with_earlier_ones_and_later_keys_override_them()
    {
        folder.Write("extra.conf", "a { y = 2, z = 2 }");
        var app = folder.Write("app.conf", "a { x = 1, y = 1 }\ninclude \"extra.conf\"\na.z = 3");

        var config = HoconConfig.Load(app);

        Assert.Equal([1, 2, 3], new[] { "a.x", "a.y", "a.z" }.Select(config.GetInt));
    }

    [Fact]
    public void Substitutions_in_an_included_file_are_relative_to_where_it_is_included()
    {
        // The spec's example: foo.conf's ${x} becomes ${a.x}, and sees a redefinition of a.x.
        folder.Write("foo.conf", "{ x : 10, y : ${x} }");
        var app = folder.Write("app.conf", "a : { include \"foo.conf\" }\na : { x : 42 }");

        var config = HoconConfig.Load(app);

        Assert.Equal(42, config.GetInt("a.y"));
    }

    [Fact]
    public void A_file_included_at_the_root_resolves_its_own_substitutions()
    {
        folder.Write("base.conf", "x = 10\ny = ${x}");
        var app = folder.Write("app.conf", "include \"base.conf\"\nz = ${y}");

        var config = HoconConfig.Load(app);

        Assert.Equal([10, 10, 10], new[] { "x", "y", "z" }.Select(config.GetInt));
    }

    [Fact]
    public void A_missing_included_file_is_an_error_naming_it()
    {
        var app = folder.Write("app.conf", "a = 1\n  include \"nope.conf\"");

        var error = Assert.Throws<HoconException>(() => HoconConfig.Load(app));

        Assert.StartsWith($"{app}:2:11: included file \"nope.conf\" not found (looked for {Path.Combine(folder.Root, "nope.conf")})", error.Message);
    }

    [Fact]
    public void An_include_cycle_is_an_error()
    {
        folder.Write("b.conf", "include \"a.conf\"");
        var app = folder.Write("a.conf", "include \"b.conf\"");

        var error = Assert.Throws<HoconException>(() => HoconConfig.Load(app));

        Assert.Contains("expected no include cycle", error.Message);
    }

    [Fact]
    public void Errors_in_an_included_file_name_that_file()
    {
        var extra = folder.Write("extra.conf", "a {\n  b = 1");
        var app = folder.Write("app.conf", "include \"extra.conf\"");

        var error = Assert.Throws<HoconException>(() => HoconConfig.Load(app));

        Assert.Equal($"{extra}:2:8: a: expected '}}' to close the object opened at 1:3, found end of file", error.Message);
    }

    [Fact]
    public void Include_without_a_quoted_name_is_a_key_without_a_separator()
    {
        var error = Hocon.Error("include nope");

        Assert.Equal("test.conf:1:13: \"include nope\": expected ':', '=' or '{' after the key, found end of file", error.Message);
    }
}
