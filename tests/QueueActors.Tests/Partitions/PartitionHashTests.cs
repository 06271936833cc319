using QueueActors.Actors.Partitions;
using Xunit;

namespace QueueActors.Tests.Partitions;

public sealed class PartitionHashTests
{
    [Fact]
    public void The_partition_is_the_published_xxh32_of_the_keys_utf8_modulo_the_count()
    {
        // XXH32("abc", seed 0) = 0x32D153FF, the reference implementation's test vector: a producer in another language
        // that uses any xxHash library picks the same partition.
        Assert.Equal((int)(0x32D153FFu % 8), PartitionHash.PartitionOf("abc", 8));
        Assert.Equal((int)(0x32D153FFu % 7), PartitionHash.PartitionOf("abc", 7));
        Assert.Equal(0, PartitionHash.PartitionOf("abc", 1));
    }

    [Fact]
    public void A_key_always_gets_the_same_partition()
    {
        var first = Enumerable.Range(0, 100).Select(i => PartitionHash.PartitionOf("user-" + i, 16)).ToArray();
        var second = Enumerable.Range(0, 100).Select(i => PartitionHash.PartitionOf("user-" + i, 16)).ToArray();

        Assert.Equal(first, second);
    }

    [Fact]
    public void Keys_spread_evenly_over_the_partitions()
    {
        const int keys = 16_000;
        var counts = new int[8];
        for (var i = 0; i < keys; i++)
        {
            counts[PartitionHash.PartitionOf($"order-{i}", counts.Length)]++;
        }

        Assert.All(counts, count => Assert.InRange(count, keys / 8 * 0.9, keys / 8 * 1.1));
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void A_blank_key_is_refused(string key) =>
        Assert.Contains("non-blank", Assert.Throws<ArgumentException>(() => PartitionHash.PartitionOf(key, 8)).Message);

    [Fact]
    public void A_key_longer_than_the_maximum_is_refused() =>
        Assert.Throws<ArgumentException>(() => PartitionHash.PartitionOf(new string('k', PartitionHash.MaxKeyLength + 1), 8));

    [Fact]
    public void A_key_of_the_maximum_length_in_multibyte_characters_hashes() =>
        Assert.InRange(PartitionHash.PartitionOf(new string('é', PartitionHash.MaxKeyLength), 8), 0, 7);
}
