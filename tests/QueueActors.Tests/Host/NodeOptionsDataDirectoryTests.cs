using QueueActors.Actors.Config;
using QueueActors.Actors.Persistence.Sqlite;
using QueueActors.Host.Node;
using QueueActors.Tests.Config;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Host;

/// <summary>Which data directory wins: <c>--data-dir</c>, then the file, then QUEUEACTORS_DATA_DIR, then <c>./data</c>.</summary>
public sealed class NodeOptionsDataDirectoryTests : IDisposable
{
    private readonly TempDirectory folder = new();

    [Fact]
    public void The_variable_replaces_the_default_and_a_file_replaces_the_variable()
    {
        var environment = Hocon.Environment(("QUEUEACTORS_DATA_DIR", "/srv/from-variable"));

        Assert.Equal("./data", SqliteSettings.FromConfig(ConfigLoader.Load(environment: Hocon.Environment())).DataDirectory);
        Assert.Equal("/srv/from-variable", SqliteSettings.FromConfig(ConfigLoader.Load(environment: environment)).DataDirectory);
        Assert.Equal("/srv/from-file", SqliteSettings.FromConfig(ConfigLoader.LoadText("queueactors.data-directory = /srv/from-file", environment)).DataDirectory);
    }

    [Fact]
    public void The_option_wins_over_the_file_and_relative_dead_letters_go_under_it()
    {
        var file = Path.Combine(folder.Path, "node.conf");
        File.WriteAllText(file, "queueactors.data-directory = /srv/from-file\n");

        var options = NodeOptions.Load(file, roles: null, dataDirectory: "/srv/from-option");

        Assert.Equal("/srv/from-option", options.Sqlite.DataDirectory);
        Assert.Equal("/srv/from-option/dead-letters", options.Processing.DeadLetterDirectory);
        Assert.Equal("/srv/from-option", options.Config.GetString("queueactors.data-directory"));
    }

    [Fact]
    public void An_absolute_dead_letter_dir_stays_where_it_is()
    {
        var options = NodeOptions.FromConfig(ConfigLoader.LoadText("queueactors { data-directory = /srv/data, processing.dead-letter-dir = /var/dead }", Hocon.Environment()), null, null);

        Assert.Equal("/var/dead", options.Processing.DeadLetterDirectory);
    }

    public void Dispose() => folder.Dispose();
}
