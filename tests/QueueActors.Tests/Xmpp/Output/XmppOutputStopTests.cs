using Akka.Actor;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace QueueActors.Tests.Xmpp.Output;

/// <summary>
/// Stopping the output while a turn still awaits the server: Akka runs PostStop on the suspended mailbox, and
/// PostStop cancels what the turn awaits, so a hanging connect neither keeps the actor nor leaks a connection.
/// </summary>
public sealed class XmppOutputStopTests(ITestOutputHelper output) : XmppOutputTestBase(output)
{
    [Fact]
    public async Task Stopping_the_output_while_it_connects_cancels_the_connect()
    {
        var connector = new HangingConnector();
        var xmpp = Sys.ActorOf(XmppOutputActor.Props(Settings, connector, LoggerFactory), "xmpp");
        await connector.Started.WaitAsync(TimeSpan.FromSeconds(3));
        Watch(xmpp);

        Sys.Stop(xmpp); // a system message: handled while the turn awaits (a PoisonPill would wait behind it)

        await ExpectTerminatedAsync(xmpp);
        await connector.Cancelled.WaitAsync(TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task Stopping_the_output_closes_its_connection()
    {
        var xmpp = StartOutput();
        var connection = await Connector.NextConnectionAsync();
        Watch(xmpp);

        Sys.Stop(xmpp);

        await ExpectTerminatedAsync(xmpp);
        Assert.True(connection.IsClosed);
    }

    /// <summary>A connect that never completes until it is cancelled.</summary>
    private sealed class HangingConnector : IXmppConnector
    {
        private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource cancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Started => started.Task;

        public Task Cancelled => cancelled.Task;

        public async Task<IXmppConnection> ConnectAsync(Action<XmppConnectionEvent> onEvent, CancellationToken cancellationToken = default)
        {
            started.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                cancelled.TrySetResult();
                throw;
            }

            throw new InvalidOperationException("unreachable");
        }
    }
}
