using Microsoft.Extensions.Logging.Abstractions;
using QueueActors.Actors.Processing.Crashes;
using QueueActors.TestKit;
using QueueActors.Tests.Infrastructure;
using Xunit;

namespace QueueActors.Tests.Processing;

/// <summary>The handling journal: what one incarnation of a node leaves for the next.</summary>
public sealed class HandlingJournalTests : IDisposable
{
    private readonly TempDirectory _data = new();
    private readonly ManualTimeProvider _time = new();

    [Fact]
    public void A_start_without_an_end_counts_one_crash_per_death_and_an_end_clears_it()
    {
        Incarnation(j => j.Started(["a", "b", "c with space"]));
        Incarnation(j => j.Ended(["b"]));
        Incarnation(j =>
        {
            Assert.Equal((1, 0, 1), (j.CrashesOf("a"), j.CrashesOf("b"), j.CrashesOf("c with space")));
            j.Started(["a"]); // handled again, and the worker dies again
        });

        Incarnation(j =>
        {
            Assert.Equal(2, j.CrashesOf("a"));
            j.Started(["a"]);
            j.Ended(["a"]);
        });
        Incarnation(j => Assert.Equal(0, j.CrashesOf("a")));
    }

    [Fact]
    public void A_second_open_of_one_node_name_on_one_directory_fails_clearly_until_the_first_is_closed()
    {
        var first = Journal("node-1");
        first.Open();
        var other = Journal("node-2");
        other.Open(); // another name: its own journal

        var error = Assert.Throws<HandlingJournalLockedException>(() => Journal("node-1").Open());
        Assert.Contains("node.name", error.Message);

        first.Close();
        other.Close();
        Journal("node-1").Open();
    }

    [Fact]
    public void A_retry_confirmed_makes_earlier_copies_stale_one_not_confirmed_is_published_again()
    {
        Incarnation(j =>
        {
            j.RetryPublishing("x", 2, "t1");
            j.RetryPublished("x", 2, "t1");
            j.RetryPublishing("y", 1, "u1"); // the worker dies before the broker's confirmation is written
            j.DeadLettered("z", 3);
        });

        Incarnation(j =>
        {
            Assert.Equal(JournalVerdict.Stale, j.Judge("x", 1, null, out _));
            Assert.Equal(JournalVerdict.Stale, j.Judge("x", 2, "t0", out _));
            Assert.Equal(JournalVerdict.Take, j.Judge("x", 2, "t1", out _));
            Assert.Equal(JournalVerdict.Take, j.Judge("x", 2, null, out _)); // no token at the retry's attempt: not a copy of ours
            Assert.Equal(JournalVerdict.Take, j.Judge("x", 3, "elsewhere", out _)); // a later attempt, from another node
            Assert.Equal(JournalVerdict.RedoRetry, j.Judge("y", 0, null, out var attempts));
            Assert.Equal(1, attempts);
            Assert.Equal(JournalVerdict.Take, j.Judge("y", 1, "u1", out _));
            Assert.Equal(JournalVerdict.Stale, j.Judge("z", 3, null, out _));
            Assert.Equal(JournalVerdict.Take, j.Judge("unknown", 0, null, out _));
        });
    }

    [Fact]
    public void A_process_that_dies_leaves_its_records_before_the_mapped_files_zero_tail_and_a_clean_close_cuts_the_tail()
    {
        var path = Path.Combine(_data.Path, "mapped.journal");
        File.WriteAllBytes(path, "C a 1 0\n"u8.ToArray());
        var file = MappedJournalFile.Open(path, capacity: 4096);
        var record = "S b\n"u8.ToArray();
        Assert.True(file.TryAppend(record, record.Length));

        // What the next incarnation reads while this one has not closed (as after a kill -9): records, then zeros.
        Assert.Equal(4096, new FileInfo(path).Length);
        Assert.Equal("C a 1 0\nS b\n", System.Text.Encoding.UTF8.GetString(MappedJournalFile.ReadWritten(path)));

        Assert.False(file.TryAppend(new byte[4096], 4096)); // does not fit: nothing written
        file.Dispose();
        Assert.Equal(12, new FileInfo(path).Length);
    }

    [Fact]
    public void A_journal_that_fills_its_file_compacts_to_what_still_counts()
    {
        var path = Path.Combine(_data.Path, "handling", "node-1.journal");
        Incarnation(j =>
        {
            j.Started(["in a handler at the death"]);
            for (var i = 0; i < 250_000; i++) // about 18 MB of records: past the 16 MB the file holds
            {
                var id = $"event-{i:D8}-0123456789abcdef0123";
                j.Started([id]);
                j.Ended([id]);
            }

            var written = MappedJournalFile.ReadWritten(path).Length;
            Assert.True(written < 8 << 20, $"the journal holds {written} bytes: it was not compacted when full"); // about 2 MB since
        });

        Incarnation(j => Assert.Equal(1, j.CrashesOf("in a handler at the death")));
    }

    [Fact]
    public void Entries_expire_after_the_retention()
    {
        Incarnation(j =>
        {
            j.Started(["a"]);
            j.DeadLettered("z", 3);
        });
        Incarnation(j => Assert.Equal(1, j.CrashesOf("a")));

        _time.Advance(HandlingJournal.Retention + TimeSpan.FromMinutes(1));

        Incarnation(j =>
        {
            Assert.Equal(0, j.CrashesOf("a"));
            Assert.Equal(JournalVerdict.Take, j.Judge("z", 3, null, out _));
        });
    }

    public void Dispose() => _data.Dispose();

    private HandlingJournal Journal(string node) => new(Path.Combine(_data.Path, "handling"), node, _time, NullLogger.Instance);

    /// <summary>One process's life: open, act, and end without a clean stop (nothing is written at close).</summary>
    private void Incarnation(Action<HandlingJournal> act)
    {
        var journal = Journal("node-1");
        journal.Open();
        try
        {
            act(journal);
        }
        finally
        {
            journal.Close();
        }
    }
}
