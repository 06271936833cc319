using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Cluster.Signing;

/// <summary>
/// A signed command captured and replayed to a node after it restarted (issue 5, item 4): the restarted node has
/// a new verifier, so its in-memory nonces are gone; the start rule and the nonce journal must refuse it.
/// </summary>
public sealed class RestartReplayTests : IDisposable
{
    private static readonly TimeSpan Skew = SigningSettings.DefaultClockSkew;
    private readonly LogCapture logs = new();
    private readonly ILoggerFactory factory;
    private readonly TempDirectory folder = new();

    public RestartReplayTests()
    {
        factory = LoggerFactory.Create(builder => builder.AddProvider(logs));
    }

    private ManualTimeProvider Clock { get; } = new();

    private string NonceFile => Path.Combine(folder.Path, "data", "control-nonces.node-b.log");

    [Fact]
    public void A_command_captured_before_a_restart_is_refused_after_it_and_logged_once()
    {
        var signer = new CommandSigner(new Secret(Signing.SecretText), Clock);
        var before = Node(nonceFile: null);
        var captured = signer.Sign(Signing.Body("node shutdown node-b")).ToHeaders();
        Assert.True(before.Verify(Signing.Body("node shutdown node-b"), captured).IsAccepted);

        Clock.Advance(TimeSpan.FromSeconds(10)); // node-b stops and starts again
        var after = Node(nonceFile: null);
        Clock.Advance(TimeSpan.FromSeconds(7.6)); // replayed 17.6 s after signing, well within max-age
        var replay = after.Verify(Signing.Body("node shutdown node-b"), captured);

        Assert.Equal(CommandRejection.PredatesStart, replay.Rejection);
        var rejected = Assert.Single(logs.AtLeast(LogLevel.Warning));
        Assert.Contains("Rejected a control command (PredatesStart)", rejected.Message);
        Assert.Contains("before this node started", rejected.Message);
    }

    [Fact]
    public void Commands_signed_after_the_start_or_within_the_skew_before_it_are_accepted()
    {
        var signer = new CommandSigner(new Secret(Signing.SecretText), Clock);
        var signedJustBefore = signer.Sign(Signing.Body());
        Clock.Advance(Skew);
        var node = Node(nonceFile: null);
        var signedAfter = signer.Sign(Signing.Body());

        Assert.True(node.Verify(Signing.Body(), signedJustBefore).IsAccepted);
        Assert.True(node.Verify(Signing.Body(), signedAfter).IsAccepted);
        Assert.Empty(logs.AtLeast(LogLevel.Warning));
    }

    [Fact]
    public void A_restart_within_the_clock_skew_remembers_the_accepted_nonces_from_disk()
    {
        var signer = new CommandSigner(new Secret(Signing.SecretText), Clock);
        var before = Node(NonceFile);
        var captured = signer.Sign(Signing.Body("node shutdown node-b"));
        Assert.True(before.Verify(Signing.Body("node shutdown node-b"), captured).IsAccepted);

        Clock.Advance(TimeSpan.FromMilliseconds(500)); // a crash and an instant restart: the start rule lets it pass
        var after = Node(NonceFile);
        var replay = after.Verify(Signing.Body("node shutdown node-b"), captured);

        Assert.Equal(CommandRejection.Replayed, replay.Rejection);
        Assert.Single(logs.AtLeast(LogLevel.Warning));
        Assert.True(Node(nonceFile: null).Verify(Signing.Body("node shutdown node-b"), captured).IsAccepted, "without the journal the replay passes: the test proves nothing");
    }

    [Fact]
    public void The_journal_keeps_only_what_the_start_rule_does_not_refuse_already()
    {
        var signer = new CommandSigner(new Secret(Signing.SecretText), Clock);
        var before = Node(NonceFile);
        for (var i = 0; i < 20; i++)
        {
            Assert.True(before.Verify(Signing.Body(), signer.Sign(Signing.Body())).IsAccepted);
            Clock.Advance(TimeSpan.FromMilliseconds(250));
        }

        Assert.Equal(20, File.ReadAllLines(NonceFile).Length);

        var after = Node(NonceFile); // started 5 s after the first: only the last 2 s of nonces can still pass its start rule

        Assert.Equal(8, after.RememberedNonces);
        Assert.Equal(8, File.ReadAllLines(NonceFile).Length);
    }

    [Fact]
    public void The_journal_is_pruned_while_the_node_runs_so_it_holds_about_one_max_age_of_commands()
    {
        var signer = new CommandSigner(new Secret(Signing.SecretText), Clock);
        var node = Node(NonceFile);
        CommandSignature last = null!;
        for (var i = 0; i < 5000; i++)
        {
            last = signer.Sign(Signing.Body());
            Assert.True(node.Verify(Signing.Body(), last).IsAccepted);
            Clock.Advance(TimeSpan.FromMilliseconds(100)); // 300 commands per max-age
        }

        Assert.InRange(File.ReadAllLines(NonceFile).Length, 300, 2000);
        Assert.Equal(CommandRejection.Replayed, Node(NonceFile).Verify(Signing.Body(), last).Rejection);
    }

    [Fact]
    public void A_nonce_file_that_cannot_be_written_is_logged_once_and_commands_are_still_checked_in_memory()
    {
        File.WriteAllText(Path.Combine(folder.Path, "data"), "a regular file where the data directory should be");
        var signer = new CommandSigner(new Secret(Signing.SecretText), Clock);

        var node = Node(NonceFile);
        var signature = signer.Sign(Signing.Body());

        Assert.True(node.Verify(Signing.Body(), signature).IsAccepted);
        Assert.Equal(CommandRejection.Replayed, node.Verify(Signing.Body(), signature).Rejection);
        Assert.Collection(
            logs.AtLeast(LogLevel.Warning),
            e => Assert.Contains("kept in memory only", e.Message),
            e => Assert.Contains("(Replayed)", e.Message));
    }

    [Fact]
    public void The_clock_skew_is_read_from_the_configuration_and_may_not_exceed_the_max_age()
    {
        var settings = SigningSettings.FromConfig(ConfigLoader.LoadText("queueactors.cluster.signing.clock-skew = 500ms", Config.Hocon.Environment()));
        var error = Assert.Throws<HoconException>(() => SigningSettings.FromConfig(ConfigLoader.LoadText("queueactors.cluster.signing.clock-skew = 31s", Config.Hocon.Environment())));

        Assert.Equal(TimeSpan.FromMilliseconds(500), settings.ClockSkew);
        Assert.Equal(Skew, SigningSettings.FromConfig(ConfigLoader.LoadText(string.Empty, Config.Hocon.Environment())).ClockSkew);
        Assert.Contains("clock-skew", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        factory.Dispose();
        folder.Dispose();
    }

    private CommandVerifier Node(string? nonceFile) =>
        new(new Secret(Signing.SecretText), Signing.MaxAge, Clock, factory.CreateLogger("node-b"), Skew, nonceFile);
}
