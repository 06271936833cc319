using System.Text;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>
/// Console input with line history: Up/Down walk the lines typed before, Left/Right/Home/End move, Backspace/Delete
/// edit, Escape clears the line, Ctrl+D on an empty line ends the input. Redirected input is read line by line.
/// </summary>
public sealed class ConsoleLineReader : ICtlLineReader
{
    private readonly List<string> history = [];

    public string? ReadLine(string prompt)
    {
        Console.Write(prompt);
        if (Console.IsInputRedirected)
        {
            return Console.In.ReadLine();
        }

        var line = new StringBuilder();
        var cursor = 0;
        var recalled = history.Count;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    var text = line.ToString();
                    if (text.Trim().Length > 0 && (history.Count == 0 || history[^1] != text))
                    {
                        history.Add(text);
                    }

                    return text;
                case ConsoleKey.UpArrow when recalled > 0:
                    Replace(prompt, line, ref cursor, history[--recalled]);
                    break;
                case ConsoleKey.DownArrow when recalled < history.Count:
                    recalled++;
                    Replace(prompt, line, ref cursor, recalled < history.Count ? history[recalled] : string.Empty);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = line.Length;
                    break;
                case ConsoleKey.Escape:
                    Replace(prompt, line, ref cursor, string.Empty);
                    break;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && line.Length == 0:
                    Console.WriteLine();
                    return null;
                default:
                    if (!char.IsControl(key.KeyChar))
                    {
                        line.Insert(cursor++, key.KeyChar);
                    }

                    break;
            }

            Redraw(prompt, line, cursor);
        }
    }

    private static void Replace(string prompt, StringBuilder line, ref int cursor, string text)
    {
        var old = line.Length;
        line.Clear().Append(text);
        cursor = line.Length;
        Console.Write('\r' + prompt + new string(' ', old) + '\r');
    }

    private static void Redraw(string prompt, StringBuilder line, int cursor)
    {
        // Rewrites the whole line (one trailing blank clears a deleted character), then puts the cursor back.
        Console.Write('\r' + prompt + line + " \r" + prompt + line.ToString(0, cursor));
    }
}
