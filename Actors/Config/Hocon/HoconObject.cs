namespace QueueActors.Actors.Config.Hocon;

/// <summary>An object: fields in the order they were first written.</summary>
internal sealed class HoconObject : HoconValue
{
    private readonly OrderedDictionary<string, HoconValue> fields;

    public HoconObject(HoconPosition position, IEnumerable<KeyValuePair<string, HoconValue>> fields, bool ignoresFallbacks = false)
        : base(position)
    {
        this.fields = new OrderedDictionary<string, HoconValue>(fields, StringComparer.Ordinal);
        NeedsResolution = this.fields.Values.Any(value => value.NeedsResolution);
        IgnoresFallbacks = ignoresFallbacks;
    }

    public static HoconObject Empty(HoconPosition position) => new(position, []);

    public IReadOnlyDictionary<string, HoconValue> Fields => fields;

    public IEnumerable<string> Keys => fields.Keys;

    public override bool NeedsResolution { get; }

    /// <summary>
    /// True once this object has replaced a non-object: merging is pairwise, so the objects that non-object hid
    /// stay hidden even when more fallbacks come later (<c>{a:{x:1}}</c> over <c>{a:42}</c> over <c>{a:{y:2}}</c> has no y).
    /// </summary>
    public bool IgnoresFallbacks { get; }

    public HoconObject IgnoringFallbacks() => IgnoresFallbacks ? this : new(Position, fields, ignoresFallbacks: true);

    public bool TryGetField(string key, out HoconValue value) => fields.TryGetValue(key, out value!);
}
