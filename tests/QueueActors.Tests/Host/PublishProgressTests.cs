using QueueActors.Host.Cli;
using Xunit;

namespace QueueActors.Tests.Host;

/// <summary><c>publish --count N</c>'s live line: redrawn in place on a terminal, nothing at all otherwise.</summary>
public sealed class PublishProgressTests
{
    [Fact]
    public void On_a_terminal_the_line_shows_the_confirmed_count_redrawn_in_place()
    {
        var output = new StringWriter();
        var progress = new PublishProgress(output, total: 20000, live: true);
        for (var i = 0; i < 5000; i++)
        {
            progress.Confirmed();
        }

        progress.Render();

        Assert.StartsWith("\rpublishing: 5,000/20,000 confirmed (25 %)", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_on_a_terminal_nothing_is_written()
    {
        var output = new StringWriter();
        var progress = new PublishProgress(output, total: 10, live: false);
        progress.Confirmed();

        progress.Render();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();
        await progress.RunAsync(cancel.Token);

        Assert.Empty(output.ToString());
    }

    [Fact]
    public async Task When_it_ends_the_line_is_blanked_for_the_answer()
    {
        var output = new StringWriter();
        var progress = new PublishProgress(output, total: 10, live: true);
        progress.Render();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await progress.RunAsync(cancel.Token);

        Assert.EndsWith("\r", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(string.Empty, output.ToString().Split('\r')[^2].Trim());
    }
}
