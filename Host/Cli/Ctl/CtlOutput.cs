using System.Text.Json;
using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>
/// Prints a call's replies and picks the exit code. Text: each served reply's text (headed by its node when several
/// nodes answer). <c>--json</c>: the reply's data for one-reply commands, an object of data by node for commands every
/// node answers (so scripts always get one JSON document). Exit: 0; 1 or 4 as the first failing node said; 4 when
/// no node serves the command (for a queue pause or resume: no node runs the queue); 3 when nobody (or fewer nodes
/// than addressed) answered in time.
/// </summary>
public static class CtlOutput
{
    private static readonly JsonSerializerOptions Indented = new(ControlWire.Json) { WriteIndented = true };

    public static async Task<int> WriteAsync(ControlCall call, ControlResult result, bool json, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        if (result.Responses.Count == 0)
        {
            var whom = call.TargetNode is { } node ? $"node {node}" : call.TargetRole is { } role ? $"any {role} node" : "any node";
            await error.WriteLineAsync($"error: no answer from {whom} within {Seconds(call.Timeout)}").ConfigureAwait(false);
            return ExitCodes.NoAnswer;
        }

        var served = result.Served;
        if (served.Count == 0 && NoNodeRuns(call) is { } queue)
        {
            var answered = string.Join(", ", result.Responses.Select(r => r.Node));
            await error.WriteLineAsync($"error: no node runs {queue} (answered: {answered})").ConfigureAwait(false);
            return ExitCodes.CommandFailed;
        }

        if (served.Count == 0)
        {
            foreach (var response in result.Responses)
            {
                await error.WriteLineAsync($"error: {response.Reply.Text}").ConfigureAwait(false);
            }

            return ExitCodes.CommandFailed;
        }

        var everyNode = (call.Mode ?? ControlCommands.Find(ControlCommands.Normalize(call.Command, null).Command)?.Mode) == ReplyMode.All;
        if (json)
        {
            var document = everyNode
                ? JsonSerializer.Serialize(served.ToDictionary(r => r.Node, r => r.Reply.Data), Indented)
                : JsonSerializer.Serialize(served[0].Reply.Data, Indented);
            await output.WriteLineAsync(document).ConfigureAwait(false);
        }
        else
        {
            foreach (var response in served)
            {
                if (everyNode)
                {
                    await output.WriteLineAsync($"== {response.Node} ==").ConfigureAwait(false);
                }

                await (response.Reply.IsOk ? output : error).WriteLineAsync(response.Reply.Text).ConfigureAwait(false);
            }
        }

        if (served.FirstOrDefault(r => !r.Reply.IsOk) is { } failed)
        {
            return failed.Reply.ExitCode == ControlReply.UsageCode ? ExitCodes.Usage : ExitCodes.CommandFailed;
        }

        // Only a command every node answers waits for all of them; the others end at the first served reply,
        // so fewer replies than addressed nodes is what they expect, not a partial answer.
        if (everyNode && result.Incomplete)
        {
            await error.WriteLineAsync($"warning: {result.Responses.Count} of {result.Expected} addressed node(s) answered within {Seconds(call.Timeout)}").ConfigureAwait(false);
            return ExitCodes.NoAnswer;
        }

        return ExitCodes.Ok;
    }

    /// <summary>For a queue pause, resume, quiet or unquiet, the queue it names (each node answers "not served" when it does not run it).</summary>
    private static string? NoNodeRuns(ControlCall call) =>
        call.Command is ControlCommands.QueuePause or ControlCommands.QueueResume or ControlCommands.QueueQuiet or ControlCommands.QueueUnquiet && call.Arguments.GetValueOrDefault(ControlArguments.Queue) is { } queue
            ? call.Arguments.GetValueOrDefault(ControlArguments.Site) is { } site ? $"queue {queue} of site {site}" : $"queue {queue}"
            : null;

    private static string Seconds(TimeSpan? timeout) => timeout is { } t ? $"{t.TotalSeconds:0.###} s" : "the request timeout";
}
