using System.Collections.Concurrent;

namespace QueueActors.Tests.Web;

/// <summary>What the page tests' handlers saw, and which texts they fail on (a singleton in the node's DI).</summary>
public sealed class PageEvents
{
    private readonly ConcurrentDictionary<string, int> handled = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> failing = new(StringComparer.Ordinal);

    public int HandledCount(string text) => handled.TryGetValue(text, out var count) ? count : 0;

    public void Record(string text) => handled.AddOrUpdate(text, 1, (_, count) => count + 1);

    public void FailOn(string text) => failing[text] = true;

    public void Heal(string text) => failing.TryRemove(text, out _);

    public bool Fails(string text) => failing.ContainsKey(text);
}
