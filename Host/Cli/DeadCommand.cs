using System.CommandLine;
using QueueActors.Actors.Processing.DeadLetters;

namespace QueueActors.Host.Cli;

/// <summary><c>dead list</c>: the dead letters in <c>dead-letter-dir</c>, oldest first.</summary>
public static class DeadCommand
{
    public static Command Create(CommonOptions common)
    {
        var list = new Command("list", "List the dead letters in dead-letter-dir, oldest first");
        list.SetAction(async (parse, cancellationToken) =>
        {
            var (options, exitCode) = await common.LoadAsync(parse, null).ConfigureAwait(false);
            if (options is null)
            {
                return exitCode;
            }

            var files = new DeadLetterFiles(options.Processing.DeadLetterDirectory);
            var records = await files.ListAsync(cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"{records.Count} dead letter(s) in {files.Directory}");
            if (records.Count > 0)
            {
                Console.WriteLine($"{"ID",-50} {"LAST FAILURE",-20} {"SITE",-24} {"QUEUE",-16} {"TRIES",5} {"REASON",-16} ERROR");
            }

            foreach (var r in records)
            {
                Console.WriteLine($"{r.Id,-50} {r.LastFailureAt.UtcDateTime:yyyy-MM-dd HH:mm:ss}  {r.Site,-24} {r.Queue,-16} {r.Attempts,5} {r.Reason,-16} {r.ExceptionType}: {Shorten(r.ExceptionMessage)}");
            }

            return ExitCodes.Ok;
        });
        return new Command("dead", "Dead letters") { list };
    }

    private static string Shorten(string? text) =>
        text is null ? string.Empty : (text.Length > 80 ? text[..80] + "…" : text).ReplaceLineEndings(" ");
}
