using System.CommandLine;
using System.CommandLine.Parsing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using QueueActors.Host.Node;

namespace QueueActors.Host.Cli;

/// <summary>
/// Logging of the one-shot commands (<c>publish</c>, <c>purge-queue</c>, <c>site …</c>, <c>dead …</c>, <c>ctl …</c>):
/// every line on stderr, warnings and errors only, so that stdout holds the command's answer alone; with
/// <c>--verbose</c> the information lines too (what the node would log while opening its transport).
/// </summary>
public static class CommandLogging
{
    /// <summary>The name of the option <see cref="CreateOption"/> makes.</summary>
    public const string VerboseName = "--verbose";

    /// <summary>A new <c>--verbose</c> option for the root command (recursive: every verb takes it).</summary>
    public static Option<bool> CreateOption() => new(VerboseName, "-v")
    {
        Description = "One-shot commands: log information lines too (on stderr), not only warnings and errors",
        Recursive = true,
    };

    /// <summary>Whether <c>--verbose</c> was given on this command line.</summary>
    /// <remarks>Read by name, so that commands built under another root (the prompt, tests) need not carry the option.</remarks>
    public static bool IsVerbose(ParseResult parse) =>
        parse?.GetResult(VerboseName) is OptionResult { Implicit: false } result && result.GetValueOrDefault<bool>();

    /// <summary>The logger factory of one command invocation.</summary>
    public static ILoggerFactory Create(ParseResult parse)
    {
        var level = IsVerbose(parse) ? LogLevel.Information : LogLevel.Warning;
        return LoggerFactory.Create(builder => builder
            .AddNodeConsole()
            .AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace)
            .SetMinimumLevel(level));
    }
}
