namespace QueueActors.Actors.Config;

/// <summary>What an Akka.NET HOCON value is, for typed getters and messages.</summary>
internal enum HoconValueKind
{
    Null,
    String,
    Array,
    Object,
}
