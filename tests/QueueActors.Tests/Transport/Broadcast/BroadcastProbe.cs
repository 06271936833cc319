using System.Text;
using System.Threading.Channels;

namespace QueueActors.Tests.Transport.Broadcast;

/// <summary>
/// Collects the messages of a broadcast subscription as text so a test can await them: <see cref="ExpectAsync"/>
/// waits for the next one (failing after a timeout), <see cref="ExpectNoneAsync"/> checks that nothing comes
/// within a short window. <see cref="ThrowOn"/> makes the callback throw after recording that message.
/// </summary>
public sealed class BroadcastProbe
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly Channel<string> _messages = Channel.CreateUnbounded<string>();

    /// <summary>A message on which the callback throws (after recording it).</summary>
    public string? ThrowOn { get; init; }

    public ValueTask OnMessageAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(message.Span);
        _messages.Writer.TryWrite(text);
        return text == ThrowOn ? throw new InvalidOperationException($"The handler refuses {text}.") : ValueTask.CompletedTask;
    }

    public async Task<string> ExpectAsync(TimeSpan? timeout = null)
    {
        using var cts = new CancellationTokenSource(timeout ?? DefaultTimeout);
        try
        {
            return await _messages.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No broadcast message within {timeout ?? DefaultTimeout}.");
        }
    }

    public async Task<string[]> ExpectAsync(int count, TimeSpan? timeout = null)
    {
        var got = new string[count];
        for (var i = 0; i < count; i++)
        {
            got[i] = await ExpectAsync(timeout);
        }

        return got;
    }

    public async Task ExpectNoneAsync(TimeSpan window)
    {
        using var cts = new CancellationTokenSource(window);
        try
        {
            var message = await _messages.Reader.ReadAsync(cts.Token);
            throw new Xunit.Sdk.XunitException($"Expected no broadcast message but got {message}.");
        }
        catch (OperationCanceledException)
        {
            // Nothing came: as expected.
        }
    }
}
