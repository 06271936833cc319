namespace QueueActors.Host.Cli.Ctl;

/// <summary>Where the interactive prompt's lines come from: the console (with history), or a script in tests.</summary>
public interface ICtlLineReader
{
    /// <summary>Shows <paramref name="prompt"/> and returns the next line, or null at the end of input.</summary>
    string? ReadLine(string prompt);
}
