using System.Globalization;

namespace QueueActors.Tests.Host.Web;

/// <summary>One <c>/metrics</c> answer (Prometheus text format), read back for assertions.</summary>
public sealed class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The sum of the samples of <paramref name="series"/> whose labels include all of <paramref name="labels"/> (<c>site="a"</c>); null when none.</summary>
    public double? Value(string series, params string[] labels)
    {
        double? sum = null;
        foreach (var line in Text.Split('\n'))
        {
            if (!line.StartsWith(series + "{", StringComparison.Ordinal) && !line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                continue;
            }

            var labelEnd = line.LastIndexOf('}');
            var labelPart = labelEnd < 0 ? string.Empty : line[..labelEnd];
            if (labels.All(l => labelPart.Contains(l, StringComparison.Ordinal)))
            {
                var sample = line[(labelEnd + 1)..].Trim().Split(' ')[0];
                sum = (sum ?? 0) + double.Parse(sample, CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    /// <summary>How many sample lines <paramref name="series"/> has with all of <paramref name="labels"/>.</summary>
    public int Lines(string series, params string[] labels) =>
        Text.Split('\n').Count(line => line.StartsWith(series + "{", StringComparison.Ordinal) && labels.All(l => line.Contains(l, StringComparison.Ordinal)));
}
