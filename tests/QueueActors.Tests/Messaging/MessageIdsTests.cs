using QueueActors.Actors.Messaging;
using Xunit;

namespace QueueActors.Tests.Messaging;

/// <summary>Message ids: the form a Guid's "N" format had, and no two alike.</summary>
public sealed class MessageIdsTests
{
    [Fact]
    public void An_id_is_32_lowercase_hex_digits_and_ids_from_many_threads_never_repeat()
    {
        var ids = new System.Collections.Concurrent.ConcurrentBag<string>();
        Parallel.For(0, 8, _ =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                ids.Add(MessageIds.New());
            }
        });

        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        Assert.Equal(80_000, ids.Distinct().Count());
    }
}
