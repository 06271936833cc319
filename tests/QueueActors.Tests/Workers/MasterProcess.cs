using System.Text.RegularExpressions;
using QueueActors.Tests.Infrastructure;

namespace QueueActors.Tests.Workers;

/// <summary>
/// <c>qa-testworker run --workers N</c>: a master process and its workers (tests/QueueActors.TestWorker), read through the
/// master's output (its own log lines and the workers' lines, prefixed with their names).
/// </summary>
public sealed partial class MasterProcess(WorkerProcess process) : IAsyncDisposable
{
    public WorkerProcess Process => process;

    public string Output => process.Output;

    /// <summary>Starts <c>qa-testworker run --config FILE --workers N</c> with the handler <paramref name="handler"/> (count, leak or the marker one).</summary>
    /// <param name="hangUp">env's option for SIGHUP (see <see cref="WorkerProcess.Start(IEnumerable{string}, string, string, IReadOnlyDictionary{string, string}?, string)"/>).</param>
    public static MasterProcess Start(string configFile, int workers, string queue, string outDirectory, string handler = "worker", string hangUp = "--default-signal=HUP") =>
        new(WorkerProcess.Start(["run", "--config", configFile, "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture)], queue, outDirectory,
            new Dictionary<string, string> { ["QA_WORKER_HANDLER"] = handler }, hangUp));

    /// <summary>The pids of the worker processes that said they were up, in order, for worker <paramref name="name"/>.</summary>
    public IReadOnlyList<int> UpPids(string name) =>
        [.. UpLine().Matches(Output).Where(match => match.Groups[1].Value == name).Select(match => int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>How many lines of the output contain <paramref name="text"/>.</summary>
    public int Count(string text) => Output.Split('\n').Count(line => line.Contains(text, StringComparison.Ordinal));

    public ValueTask DisposeAsync() => process.DisposeAsync();

    [GeneratedRegex(@"Worker (\S+) \(pid (\d+)\) is up")]
    private static partial Regex UpLine();
}
