namespace QueueActors.Host.Workers;

/// <summary>
/// The command line that started this process, to start its workers with: the program (<c>Environment.ProcessPath</c>,
/// and the application's .dll when that is the <c>dotnet</c> host) and the same arguments.
/// </summary>
public static class WorkerCommandLine
{
    public static (string FileName, IReadOnlyList<string> Arguments) OfThisProcess()
    {
        var path = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process's executable is unknown");
        var arguments = Environment.GetCommandLineArgs(); // [0] is the application's .dll
        var host = Path.GetFileNameWithoutExtension(path).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        return (path, host ? [.. arguments] : [.. arguments.Skip(1)]);
    }
}
