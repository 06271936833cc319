using Microsoft.AspNetCore.Http;
using QueueActors.Actors.Push;

namespace QueueActors.Host.Web.Push;

/// <summary>What a <c>/push</c> request asks for: its channels (<c>channel=</c>, once or more) and where it is (an event id).</summary>
public sealed record PushRequest(IReadOnlyList<PushChannel> Channels, PushCursor? After)
{
    /// <summary>The most channels one client may follow.</summary>
    public const int MaxChannels = 50;

    /// <summary>Reads the channels and the client's position from <paramref name="idSources"/> (the first given wins).</summary>
    /// <returns>The request, or the 400 text that says what is wrong.</returns>
    public static (PushRequest? Request, string? Error) Read(HttpRequest request, params string?[] idSources)
    {
        ArgumentNullException.ThrowIfNull(request);
        var names = request.Query["channel"];
        if (names.Count is 0 or > MaxChannels)
        {
            return (null, $"give 1 to {MaxChannels} channels: ?channel=site:<site> (or user:<site>:<id>, topic:<site>:<name>), repeated for more\n");
        }

        var channels = new List<PushChannel>(names.Count);
        foreach (var name in names)
        {
            try
            {
                channels.Add(PushChannel.Parse(name ?? ""));
            }
            catch (ArgumentException error)
            {
                return (null, error.Message.Split(" (Parameter", 2)[0] + "\n");
            }
        }

        PushCursor? after = null;
        if (idSources.FirstOrDefault(s => !string.IsNullOrEmpty(s)) is { } id)
        {
            try
            {
                after = PushCursor.Parse(id);
            }
            catch (FormatException error)
            {
                return (null, error.Message + "\n");
            }
        }

        return (new PushRequest(channels, after), null);
    }
}
