namespace QueueActors.Actors.Config.Hocon;

/// <summary>
/// Values of one key that cannot be merged before resolution because one of them is a substitution:
/// <c>name = "node-1"</c> then <c>name = ${?NODE_NAME}</c> keeps "node-1" only if NODE_NAME is unset, and
/// <c>a = ${base}</c> over <c>a { x = 1 }</c> merges only if base turns out to be an object.
/// Layers are ordered from the highest priority (written last) to the lowest.
/// </summary>
internal sealed class HoconDelayedMerge : HoconValue
{
    private HoconDelayedMerge(IReadOnlyList<HoconValue> layers)
        : base(layers[0].Position) => Layers = layers;

    public IReadOnlyList<HoconValue> Layers { get; }

    public override bool NeedsResolution => true;

    public static HoconDelayedMerge Of(HoconValue top, HoconValue bottom) => new([.. LayersOf(top), .. LayersOf(bottom)]);

    public static HoconDelayedMerge FromLayers(IReadOnlyList<HoconValue> layers) => new(layers);

    private static IReadOnlyList<HoconValue> LayersOf(HoconValue value) =>
        value is HoconDelayedMerge merge ? merge.Layers : [value];
}
