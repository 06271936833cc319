using FsCheck;
using FsCheck.Fluent;
using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Config;

/// <summary>Whatever the input, the parser, the resolver and the getters raise a <see cref="HoconException"/> or nothing.</summary>
public sealed class ParserRobustnessTests
{
    private const string HoconCharacters = "{}[],:=+$\"?#/\\\n \t.-_e0123456789abcnulltrsfMKs";

    private static readonly string[] Fragments =
    [
        "{", "}", "[", "]", ",", ":", "=", "+=", "${", "${?", "}", "include \"fuzz.conf\"", "\\q", "amqp://x", "\"", "\"\"\"", "\n", "#", "//", ".", "include \"x.conf\"",
        "include required(file(", "))", "${a}", "${?a}", "${a.b}", "a.b", "null", "true", "5s", "10K", "-", "1e", "\\u12", "\t", " ",
    ];

    private static readonly string[] ValidDocuments =
    [
        ReferenceText(),
        "a { b = 1, c = ${a.b}, d = [1, 2] [3] }\ne = ${a.b} \"x\"\nf = [y, ${a.c}]\ng = \"\"\"raw\n\"\"\"",
        "path = a\npath2 = ${path}\":b\"\nobj = { x = 1 }\nt = 5 minutes\ns = 1.5 MiB\nlist = [${t}, ${s}]",
        """{ "json": { "a": [1, 2.5, -3e2, true, false, null, "s\u0041"] } }""",
    ];

    [Fact]
    public void Random_strings_raise_nothing_but_HoconException()
    {
        Prop.ForAll<string>(text => ParseReadAndIgnoreHoconErrors(text ?? "")).QuickCheckThrowOnFailure();
    }

    [Fact]
    public void Random_strings_of_hocon_characters_raise_nothing_but_HoconException()
    {
        var random = new Random(20261122);
        for (var i = 0; i < 5000; i++)
        {
            var chars = Enumerable.Range(0, random.Next(0, 60)).Select(_ => random.Next(10) == 0 ? (char)random.Next(0, 0x3000) : HoconCharacters[random.Next(HoconCharacters.Length)]);
            ParseReadAndIgnoreHoconErrors(string.Concat(chars));
        }
    }

    [Fact]
    public void Mutated_valid_documents_raise_nothing_but_HoconException()
    {
        var random = new Random(4130);
        for (var i = 0; i < 5000; i++)
        {
            var text = ValidDocuments[random.Next(ValidDocuments.Length)];
            for (var m = random.Next(1, 6); m > 0; m--)
            {
                text = Mutate(text, random);
            }

            ParseReadAndIgnoreHoconErrors(text);
        }
    }

    [Fact]
    public void The_valid_documents_of_the_fuzz_corpus_parse()
    {
        Assert.All(ValidDocuments, text => HoconConfig.Parse(text));
    }

    [Theory]
    [InlineData("a = ", "[", "")]
    [InlineData("a = ", "[{ a = ", "")]
    [InlineData("a = ", "{ a = ", "")]
    [InlineData("a", ".a", " = 1")]
    [InlineData("", "a {", "")]
    public void Deep_nesting_is_an_error_not_a_stack_overflow(string head, string repeated, string tail)
    {
        var text = head + string.Concat(Enumerable.Repeat(repeated, 100_000)) + tail;

        var error = Assert.Throws<HoconException>(() => HoconConfig.Parse(text, "deep.conf"));

        Assert.Contains("expected at most 200 levels of nesting", error.Message);
    }

    [Fact]
    public void Nesting_within_the_limit_parses()
    {
        var text = string.Concat(Enumerable.Repeat("a { ", 150)) + "b = 1" + new string('}', 150);

        var config = HoconConfig.Parse(text);

        Assert.Equal(1, config.GetInt(string.Join('.', Enumerable.Repeat("a", 150)) + ".b"));
    }

    private static bool ParseReadAndIgnoreHoconErrors(string text)
    {
        try
        {
            var config = HoconConfig.Parse(text, "fuzz.conf");
            foreach (var key in config.Keys)
            {
                ReadEveryWay(config, HoconPathOf(key));
            }
        }
        catch (HoconException)
        {
            // the property: this is the only exception allowed
        }

        return true;
    }

    private static void ReadEveryWay(HoconConfig config, string path)
    {
        Action[] reads =
        [
            () => config.GetString(path), () => config.GetInt(path), () => config.GetDouble(path), () => config.GetBool(path),
            () => config.GetDuration(path), () => config.GetBytes(path), () => config.GetStringList(path), () => config.GetConfig(path).Keys.ToList(),
        ];
        foreach (var read in reads)
        {
            try
            {
                read();
            }
            catch (HoconException)
            {
                // wrong type for this read: expected, keep trying the others
            }
        }
    }

    private static string HoconPathOf(string key) => "\"" + key.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";

    private static string Mutate(string text, Random random)
    {
        var at = random.Next(text.Length + 1);
        return random.Next(4) switch
        {
            0 when text.Length > 0 => text.Remove(at == text.Length ? at - 1 : at, Math.Min(random.Next(1, 8), text.Length - Math.Min(at, text.Length - 1))),
            1 => text.Insert(at, Fragments[random.Next(Fragments.Length)]),
            2 when at < text.Length => text.Insert(at, text[at..Math.Min(text.Length, at + random.Next(1, 20))]),
            _ => text.Insert(at, ((char)random.Next(0, 128)).ToString()),
        };
    }

    private static string ReferenceText()
    {
        using var stream = typeof(ConfigLoader).Assembly.GetManifestResourceStream(ConfigLoader.ReferenceResourceName)!;
        return new StreamReader(stream).ReadToEnd();
    }
}
