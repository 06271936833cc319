namespace QueueActors.Actors.Config.Hocon;

internal sealed class HoconArray : HoconValue
{
    public HoconArray(HoconPosition position, IReadOnlyList<HoconValue> elements)
        : base(position)
    {
        Elements = elements;
        NeedsResolution = elements.Any(element => element.NeedsResolution);
    }

    public IReadOnlyList<HoconValue> Elements { get; }

    public override bool NeedsResolution { get; }
}
