using System.Text;
using QueueActors.Actors.Persistence;
using Xunit;

namespace QueueActors.Tests.Persistence;

/// <summary>The event journal: ordered appends per id, reads by page, and one writer per sequence number.</summary>
public abstract class JournalBehaviour(IPersistenceTestBackend backend) : PersistenceTestBase(backend)
{
    [Fact]
    public async Task Appended_events_are_read_back_in_order_from_a_sequence_number()
    {
        var journal = (await OpenStoresAsync()).Journal;
        var id = NewPersistenceId("order");
        await journal.AppendAsync([Entry(id, 1, "a"), Entry(id, 2, "b")]);
        await journal.AppendAsync([Entry(id, 3, "c")]);
        await journal.AppendAsync([Entry(NewPersistenceId("other"), 1, "x")]);

        var all = await journal.ReadAsync(id, 1, 100);
        var later = await journal.ReadAsync(id, 2, 100);

        Assert.Equal(["a", "b", "c"], all.Select(Text));
        Assert.Equal([1L, 2L, 3L], all.Select(e => e.SequenceNr));
        Assert.All(all, e => Assert.Equal(id, e.PersistenceId));
        Assert.Equal("test-manifest", all[0].Manifest);
        Assert.Equal(At, all[0].WrittenAt);
        Assert.Equal(["b", "c"], later.Select(Text));
    }

    [Fact]
    public async Task A_read_returns_at_most_max_count_events()
    {
        var journal = (await OpenStoresAsync()).Journal;
        var id = NewPersistenceId("page");
        await journal.AppendAsync([.. Enumerable.Range(1, 5).Select(i => Entry(id, i, $"e{i}"))]);

        Assert.Equal(["e2", "e3"], (await journal.ReadAsync(id, 2, 2)).Select(Text));
        Assert.Empty(await journal.ReadAsync(id, 6, 10));
    }

    [Fact]
    public async Task Highest_sequence_number_is_0_for_an_unknown_id_and_the_last_written_otherwise()
    {
        var journal = (await OpenStoresAsync()).Journal;
        var id = NewPersistenceId("highest");

        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync(id));
        await journal.AppendAsync([Entry(id, 1, "a"), Entry(id, 2, "b")]);
        Assert.Equal(2, await journal.ReadHighestSequenceNrAsync(id));
    }

    [Fact]
    public async Task Appending_a_taken_sequence_number_fails_clearly_and_writes_nothing_of_the_append()
    {
        var journal = (await OpenStoresAsync()).Journal;
        var id = NewPersistenceId("taken");
        await journal.AppendAsync([Entry(id, 1, "a"), Entry(id, 2, "b")]);

        var error = await Assert.ThrowsAsync<JournalConcurrencyException>(() => journal.AppendAsync([Entry(id, 2, "b2"), Entry(id, 3, "c")]));

        Assert.Equal(id, error.PersistenceId);
        Assert.Equal(2, error.SequenceNr);
        Assert.Contains("already written", error.Message);
        Assert.Equal(["a", "b"], (await journal.ReadAsync(id, 1, 100)).Select(Text));
    }

    [Fact]
    public async Task Of_two_concurrent_writers_of_the_same_sequence_number_exactly_one_succeeds()
    {
        var first = (await OpenStoresAsync()).Journal;
        var second = (await OpenStoresAsync()).Journal; // another connection pool / writer, as another node would have
        var id = NewPersistenceId("race");

        for (var nr = 1; nr <= 10; nr++)
        {
            var results = await Task.WhenAll(Attempt(first, Entry(id, nr, "first")), Attempt(second, Entry(id, nr, "second")));

            Assert.Single(results, r => r is null);
            Assert.IsType<JournalConcurrencyException>(Assert.Single(results, r => r is not null));
        }

        Assert.Equal(10, (await first.ReadAsync(id, 1, 100)).Count);
    }

    [Fact]
    public async Task Deleted_events_are_not_read_back_and_their_numbers_stay_taken()
    {
        var journal = (await OpenStoresAsync()).Journal;
        var id = NewPersistenceId("delete");
        await journal.AppendAsync([Entry(id, 1, "a"), Entry(id, 2, "b"), Entry(id, 3, "c")]);

        await journal.DeleteToAsync(id, 2);
        Assert.Equal(["c"], (await journal.ReadAsync(id, 1, 100)).Select(Text));
        await journal.DeleteToAsync(id, 3);

        Assert.Empty(await journal.ReadAsync(id, 1, 100));
        Assert.Equal(3, await journal.ReadHighestSequenceNrAsync(id));
        await Assert.ThrowsAsync<JournalConcurrencyException>(() => journal.AppendAsync([Entry(id, 3, "c again")]));
        await journal.AppendAsync([Entry(id, 4, "d")]);
        Assert.Equal(["d"], (await journal.ReadAsync(id, 1, 100)).Select(Text));
    }

    [Fact]
    public async Task An_append_of_numbers_that_are_not_consecutive_is_refused()
    {
        var journal = (await OpenStoresAsync()).Journal;
        var id = NewPersistenceId("gap");

        await Assert.ThrowsAsync<ArgumentException>(() => journal.AppendAsync([Entry(id, 1, "a"), Entry(id, 3, "c")]));
        Assert.Equal(0, await journal.ReadHighestSequenceNrAsync(id));
    }

    private static readonly DateTimeOffset At = new(2026, 5, 4, 3, 2, 1, 123, TimeSpan.Zero);

    private static JournalEntry Entry(string id, long nr, string text) => new(id, nr, "test-manifest", Encoding.UTF8.GetBytes(text), At);

    private static string Text(JournalEntry entry) => Encoding.UTF8.GetString(entry.Payload.Span);

    private static async Task<Exception?> Attempt(IEventJournal journal, JournalEntry entry)
    {
        try
        {
            await Task.Yield();
            await journal.AppendAsync([entry]);
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
