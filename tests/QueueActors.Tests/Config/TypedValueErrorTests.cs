using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>A value of the wrong type: the message names the file, line, column, key, what was expected and what was found.</summary>
public sealed class TypedValueErrorTests
{
    private static readonly HoconConfig Config = HoconConfig.Parse("""
        queueactors {
          actor {
            throughput = fast
            flag = maybe
            list = [a, {}]
            big = 3000000000
          }
        }
        """, "app.conf");

    [Fact]
    public void Names_the_key_its_origin_and_the_found_value()
    {
        var error = Assert.Throws<HoconException>(() => Config.GetInt("queueactors.actor.throughput"));

        Assert.Equal("app.conf:3:18: queueactors.actor.throughput: expected an integer, found \"fast\"", error.Message);
        Assert.Equal("queueactors.actor.throughput", error.Path);
    }

    [Fact]
    public void A_sub_config_still_names_the_full_path()
    {
        var actor = Config.GetConfig("queueactors.actor");

        var error = Assert.Throws<HoconException>(() => actor.GetBool("flag"));

        Assert.Equal("app.conf:4:12: queueactors.actor.flag: expected a boolean (true/yes/on or false/no/off), found \"maybe\"", error.Message);
    }

    [Fact]
    public void A_missing_key_is_reported_at_the_object_that_lacks_it()
    {
        var error = Assert.Throws<HoconException>(() => Config.GetString("queueactors.actor.nope"));

        Assert.Equal("app.conf:2:9: queueactors.actor.nope: expected a string, found no setting", error.Message);
    }

    [Fact]
    public void Objects_and_arrays_are_not_converted_to_strings()
    {
        var objectError = Assert.Throws<HoconException>(() => Config.GetString("queueactors.actor"));
        var arrayError = Assert.Throws<HoconException>(() => Config.GetString("queueactors.actor.list"));

        Assert.EndsWith("expected a string, found an object", objectError.Message);
        Assert.EndsWith("expected a string, found [\"a\", an object]", arrayError.Message);
    }

    [Fact]
    public void A_list_element_of_the_wrong_type_is_named_by_its_index()
    {
        var error = Assert.Throws<HoconException>(() => Config.GetStringList("queueactors.actor.list"));

        Assert.Equal("app.conf:5:16: queueactors.actor.list[1]: expected a string, found an object", error.Message);
    }

    [Fact]
    public void An_integer_out_of_range_is_an_error_but_fits_a_long()
    {
        var error = Assert.Throws<HoconException>(() => Config.GetInt("queueactors.actor.big"));

        Assert.EndsWith("expected a 32-bit integer, found 3000000000", error.Message);
        Assert.Equal(3_000_000_000, Config.GetLong("queueactors.actor.big"));
    }

    [Fact]
    public void Strings_convert_to_numbers_and_booleans()
    {
        var config = Hocon.Resolve("n = \"42\"\nd = \"2.5\"\nb = yes");

        Assert.Equal(42, config.GetInt("n"));
        Assert.Equal(2.5, config.GetDouble("d"));
        Assert.True(config.GetBool("b"));
    }

    [Fact]
    public void A_bad_path_expression_is_an_error()
    {
        var error = Assert.Throws<HoconException>(() => Config.GetString("a..b"));

        Assert.StartsWith("<path>:1:3: expected a path element between dots", error.Message);
    }
}
