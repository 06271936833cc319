using System.Text.Json;
using System.Text.RegularExpressions;
using QueueActors.Host.Cli;
using Xunit;

namespace QueueActors.Tests.Host;

/// <summary>
/// README's "Running your own handlers": the program it shows is samples/MyApp file for file, and that program runs
/// as a node (embedded default) that handles an event published with its own <c>publish</c> verb.
/// </summary>
public sealed partial class SampleAppTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private static readonly string[] SampleFiles = ["MyApp.csproj", "WelcomeEmail.cs", "WelcomeEmailHandler.cs", "Program.cs"];
    private readonly string folder = Directory.CreateTempSubdirectory("qa-sample-").FullName;

    [Fact]
    public void The_readme_shows_every_file_of_the_sample_verbatim()
    {
        var readme = File.ReadAllText(Path.Combine(Repository, "README.md")).ReplaceLineEndings("\n");
        var blocks = FileBlock().Matches(readme).ToDictionary(m => m.Groups["path"].Value, m => m.Groups["code"].Value);

        foreach (var file in SampleFiles)
        {
            var path = "samples/MyApp/" + file;
            Assert.True(blocks.ContainsKey(path), $"README.md shows no block for {path}");
            Assert.Equal(File.ReadAllText(Path.Combine(Repository, path)).ReplaceLineEndings("\n"), blocks[path]);
        }

        Assert.Equal(SampleFiles.Length, Directory.GetFiles(Path.Combine(Repository, "samples", "MyApp"), "*.cs*").Length);
    }

    [Fact]
    public async Task The_sample_runs_as_a_node_and_handles_an_event_published_with_its_own_publish_verb()
    {
        var config = Path.Combine(folder, "myapp.conf");
        await File.WriteAllTextAsync(config, $$"""
            queueactors {
              data-directory = {{JsonSerializer.Serialize(Path.Combine(folder, "data"))}}
              processing.dead-letter-dir = {{JsonSerializer.Serialize(Path.Combine(folder, "dead"))}}
              shutdown-timeout = 2s
            }
            """);
        await using var node = NodeProcess.StartDll(SampleDll, "run", "--config", config);
        await node.WaitForLineAsync("now runs the seed roles", Timeout);

        await using var publish = NodeProcess.StartDll(SampleDll, "publish", "--site", "example.org", "--queue", "email", "--json", "{\"to\":\"ada@example.org\"}", "--config", config);
        Assert.True(await publish.WaitForExitAsync(Timeout) == ExitCodes.Ok, publish.Output);

        var handled = await node.WaitForLineAsync("welcome email to ada@example.org", Timeout);
        Assert.Contains("site example.org", handled, StringComparison.Ordinal);
        await using var noHandler = NodeProcess.StartDll(SampleDll, "process-queue", "--queue", "digest", "--config", config);
        Assert.Equal(ExitCodes.NoHandler, await noHandler.WaitForExitAsync(Timeout));
        Assert.Contains("it handles email", noHandler.Output, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>The repository: the first folder above the test build that holds QueueActors.sln.</summary>
    private static string Repository
    {
        get
        {
            var folder = new DirectoryInfo(AppContext.BaseDirectory);
            while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "QueueActors.sln")))
            {
                folder = folder.Parent;
            }

            return folder?.FullName ?? throw new DirectoryNotFoundException("QueueActors.sln is not above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>samples/MyApp/bin/&lt;configuration&gt;/&lt;tfm&gt;/myapp.dll, built with the tests (they reference it).</summary>
    private static string SampleDll
    {
        get
        {
            var testBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)); // tests/QueueActors.Tests/bin/<configuration>/<tfm>
            var dll = Path.Combine(Repository, "samples", "MyApp", "bin", testBin.Parent!.Name, testBin.Name, "myapp.dll");
            return File.Exists(dll) ? dll : throw new FileNotFoundException($"The sample is not built at {dll}: build the solution.", dll);
        }
    }

    /// <summary>A line <c>`samples/MyApp/FILE`:</c>, an empty line, then a fenced block: the file's text.</summary>
    [GeneratedRegex(@"^`(?<path>samples/MyApp/[^`]+)`:\n\n```\w*\n(?<code>.*?)^```", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FileBlock();
}
