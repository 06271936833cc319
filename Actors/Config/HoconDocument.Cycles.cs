using Akka.Configuration.Hocon;

namespace QueueActors.Actors.Config;

/// <summary>
/// Substitution cycles and very long chains: Akka's parser links them, and reading such a value overflows the
/// stack (which no handler can catch).
/// </summary>
internal static partial class HoconDocument
{
    /// <summary>Substitutions followed one after another, at most.</summary>
    public const int MaxChain = HoconScanner.MaxDepth * 5;

    private static void CheckForCycles(HoconValue root, HoconSourceMap map)
    {
        var done = new HashSet<HoconValue>(ReferenceEqualityComparer.Instance);
        var onPath = new HashSet<HoconValue>(ReferenceEqualityComparer.Instance);
        Visit(root, [], 0);

        void Visit(HoconValue value, IReadOnlyList<string> path, int hops)
        {
            if (done.Contains(value))
            {
                return;
            }

            if (!onPath.Add(value))
            {
                var at = map.Find(path);
                throw new HoconException(map.PositionOf(at), "expected a value, found a substitution cycle (a ${...} that leads back to this key)", HoconPath.Render(path));
            }

            foreach (var element in value.Values)
            {
                switch (element)
                {
                    case HoconObject obj:
                        foreach (var (key, field) in obj.Items)
                        {
                            Visit(field, [.. path, key], hops);
                        }

                        break;
                    case HoconArray array:
                        foreach (var item in array)
                        {
                            Visit(item, path, hops);
                        }

                        break;
                    case HoconSubstitution { ResolvedValue: { } resolved }:
                        if (hops >= MaxChain)
                        {
                            throw new HoconException(map.PositionOf(map.Find(path)), $"expected at most {MaxChain} substitutions in a chain, found more", HoconPath.Render(path));
                        }

                        Visit(resolved, path, hops + 1);
                        break;
                }
            }

            onPath.Remove(value);
            done.Add(value);
        }
    }
}
