namespace QueueActors.Tests.Workers;

/// <summary>The lines of every <c>handled.&lt;pid&gt;.log</c> the test worker's counting handlers wrote (one per handled event).</summary>
public static class HandledLines
{
    public static List<string> Read(string outDirectory)
    {
        var lines = new List<string>();
        foreach (var file in Directory.EnumerateFiles(outDirectory, "handled.*.log"))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line)
            {
                if (line.Length > 0)
                {
                    lines.Add(line);
                }
            }
        }

        return lines;
    }
}
