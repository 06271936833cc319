namespace QueueActors.Actors.Config.Hocon;

/// <summary>An object: fields in the order they were first written.</summary>
internal sealed class HoconObject : HoconValue
{
    private readonly OrderedDictionary<string, HoconValue> fields;

    public HoconObject(HoconPosition position, IEnumerable<KeyValuePair<string, HoconValue>> fields)
        : base(position)
    {
        this.fields = new OrderedDictionary<string, HoconValue>(fields, StringComparer.Ordinal);
        NeedsResolution = this.fields.Values.Any(value => value.NeedsResolution);
    }

    public static HoconObject Empty(HoconPosition position) => new(position, []);

    public IReadOnlyDictionary<string, HoconValue> Fields => fields;

    public IEnumerable<string> Keys => fields.Keys;

    public override bool NeedsResolution { get; }

    public bool TryGetField(string key, out HoconValue value) => fields.TryGetValue(key, out value!);
}
