using System.Threading.Channels;
using QueueActors.Actors.Runtime;
using Xunit.Sdk;

namespace QueueActors.TestKit;

/// <summary>
/// A ref a test can wait on: what is told to it lands in a channel, and the Expect methods await the
/// next message with a timeout instead of sleeping. Watch an actor to expect its <see cref="Terminated"/>.
/// </summary>
public sealed class TestProbe
{
    private readonly Channel<(object Message, IActorRef? Sender)> inbox = Channel.CreateUnbounded<(object, IActorRef?)>();
    private readonly FunctionRef self;

    public TestProbe(ActorSystem system, string? name = null)
    {
        self = system.CreateFunctionRef((message, sender) => inbox.Writer.TryWrite((message, sender)), name);
        System = system;
    }

    public ActorSystem System { get; }

    /// <summary>The probe as a ref: pass it as a sender or as a target.</summary>
    public IActorRef Ref => self;

    /// <summary>The sender of the last message received.</summary>
    public IActorRef? LastSender { get; private set; }

    public void Watch(IActorRef actor) => self.Watch(actor);

    public void Unwatch(IActorRef actor) => self.Unwatch(actor);

    /// <summary>Tells <paramref name="target"/> with the probe as sender.</summary>
    public void Send(IActorRef target, object message) => target.Tell(message, self);

    /// <summary>Replies to the sender of the last message.</summary>
    public void Reply(object message) =>
        (LastSender ?? throw new InvalidOperationException("The probe has received nothing to reply to")).Tell(message, self);

    /// <summary>The next message, which must be a <typeparamref name="T"/> and match <paramref name="predicate"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(Func<T, bool>? predicate = null, TimeSpan? timeout = null)
    {
        var message = await ReceiveOneAsync(timeout, $"a {typeof(T).Name}").ConfigureAwait(false);
        if (message is not T typed)
        {
            throw new XunitException($"Expected a {typeof(T).Name} but received a {message.GetType().Name}: {message}");
        }

        if (predicate is not null && !predicate(typed))
        {
            throw new XunitException($"Received {typed}, which does not match the expectation");
        }

        return typed;
    }

    /// <summary>The next message, which must equal <paramref name="expected"/>.</summary>
    public async Task<T> ExpectMsgAsync<T>(T expected, TimeSpan? timeout = null) where T : notnull
    {
        var message = await ReceiveOneAsync(timeout, $"{expected}").ConfigureAwait(false);
        return message is T typed && EqualityComparer<T>.Default.Equals(typed, expected)
            ? typed
            : throw new XunitException($"Expected {expected} but received {message}");
    }

    /// <summary>Passes when nothing arrives within the window.</summary>
    public async Task ExpectNoMsgAsync(TimeSpan? within = null)
    {
        var window = TestKitSettings.Dilated(within ?? TestKitSettings.DefaultNoMessageWindow);
        using var cancel = new CancellationTokenSource(window);
        try
        {
            var (message, _) = await inbox.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
            throw new XunitException($"Expected no message within {window.TotalMilliseconds:0} ms but received {message}");
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            // Nothing came: the expectation holds.
        }
    }

    /// <summary>Skips messages until one is a <typeparamref name="T"/> matching <paramref name="predicate"/>.</summary>
    public async Task<T> FishForMessageAsync<T>(Func<T, bool> predicate, TimeSpan? timeout = null)
    {
        var deadline = DeadlineFrom(timeout);
        while (true)
        {
            var message = await ReceiveOneAsync(deadline - DateTime.UtcNow, $"a {typeof(T).Name} matching the predicate", dilate: false).ConfigureAwait(false);
            if (message is T typed && predicate(typed))
            {
                return typed;
            }
        }
    }

    /// <summary>The next <paramref name="count"/> messages, in order, within one timeout.</summary>
    public async Task<IReadOnlyList<object>> ReceiveNAsync(int count, TimeSpan? timeout = null)
    {
        var deadline = DeadlineFrom(timeout);
        var messages = new List<object>(count);
        while (messages.Count < count)
        {
            messages.Add(await ReceiveOneAsync(deadline - DateTime.UtcNow, $"message {messages.Count + 1} of {count}", dilate: false).ConfigureAwait(false));
        }

        return messages;
    }

    /// <summary>Waits for the <see cref="Terminated"/> of an actor this probe watches.</summary>
    public Task<Terminated> ExpectTerminatedAsync(IActorRef actor, TimeSpan? timeout = null) =>
        ExpectMsgAsync<Terminated>(t => t.ActorRef.Equals(actor), timeout);

    private static DateTime DeadlineFrom(TimeSpan? timeout) =>
        DateTime.UtcNow + TestKitSettings.Dilated(timeout ?? TestKitSettings.DefaultTimeout);

    private async Task<object> ReceiveOneAsync(TimeSpan? timeout, string expectation, bool dilate = true)
    {
        var wait = timeout ?? TestKitSettings.DefaultTimeout;
        if (dilate)
        {
            wait = TestKitSettings.Dilated(wait);
        }

        using var cancel = new CancellationTokenSource(wait > TimeSpan.Zero ? wait : TimeSpan.Zero);
        try
        {
            var (message, sender) = await inbox.Reader.ReadAsync(cancel.Token).ConfigureAwait(false);
            LastSender = sender;
            return message;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            throw new XunitException($"Timed out after {wait.TotalMilliseconds:0} ms waiting for {expectation} at probe {self.Path}");
        }
    }
}
