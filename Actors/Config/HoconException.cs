namespace QueueActors.Actors.Config;

/// <summary>
/// The one exception that parsing, resolving, reading or binding configuration raises. Its message starts
/// with <c>file:line:column:</c> (an editor can jump there), then the key path when the error is about a
/// value, then what was expected and what was found:
/// <c>app.conf:12:16: queueactors.actor.throughput: expected an integer, found "fast"</c>.
/// Where no line is known (a value from an environment variable, an error of Akka.NET's parser that names no
/// position) <see cref="Line"/> is 0 and the message starts with the origin alone.
/// </summary>
public sealed class HoconException : Exception
{
    public HoconException(string origin, int line, int column, string reason, string? path = null, Exception? innerException = null)
        : base(Format(origin, line, column, reason, path), innerException)
    {
        Origin = origin;
        Line = line;
        Column = column;
        Reason = reason;
        Path = path;
    }

    internal HoconException(HoconPosition position, string reason, string? path = null, Exception? innerException = null)
        : this(position.File, position.Line, position.Column, reason, path, innerException)
    {
    }

    /// <summary>The file name, or a label such as <c>&lt;string&gt;</c> for parsed text.</summary>
    public string Origin { get; }

    /// <summary>1-based; 0 when the origin has no line to give.</summary>
    public int Line { get; }

    public int Column { get; }

    /// <summary>The key path the error is about, if it is about a value.</summary>
    public string? Path { get; }

    /// <summary>The message without its position and path.</summary>
    public string Reason { get; }

    private static string Format(string origin, int line, int column, string reason, string? path)
    {
        var where = line > 0 ? $"{origin}:{line}:{column}" : origin;
        return path is null ? $"{where}: {reason}" : $"{where}: {path}: {reason}";
    }
}
