using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>Running a request's handler and answering it.</summary>
public sealed partial class ControlActor
{
    private void Dispatch(ControlMessage message, IActorRef replyTo)
    {
        var (command, arguments) = ControlCommands.Normalize(message.Command!, message.Arguments);
        ControlLog.CommandReceived(logger, command, message.Sender, message.CorrelationId);
        if (!handlers.TryGetValue(command, out var handler))
        {
            ControlLog.NoHandler(logger, command);
            Reply(message, replyTo, ControlReply.Failed($"node {services.Node} does not serve '{command}'"), served: false);
            return;
        }

        var request = new ControlRequest(command, arguments, message.Sender, message.CorrelationId ?? string.Empty, services.Node);
        var self = Self;
        var log = logger;
        var token = stopping.Token;
        var previous = handling;
        handling = Task.Run(
            async () =>
            {
                await previous.ConfigureAwait(false); // never faults: RunAsync answers every exception
                var (reply, served) = await RunAsync(handler, request, log, token).ConfigureAwait(false);
                self.Tell(new Handled(message, replyTo, reply, served));
            },
            CancellationToken.None);
    }

    private static async Task<(ControlReply Reply, bool Served)> RunAsync(IControlCommandHandler handler, ControlRequest request, ILogger log, CancellationToken cancellationToken)
    {
        try
        {
            return (await handler.HandleAsync(request, cancellationToken).ConfigureAwait(false), true);
        }
        catch (ControlNotServedException error)
        {
            return (ControlReply.Failed(error.Message), false);
        }
        catch (ControlArgumentException error)
        {
            return (ControlReply.Usage(error.Message), true);
        }
        catch (Exception error)
        {
            ControlLog.HandlerFailed(log, request.Command, error);
            return (ControlReply.Failed($"'{request.Command}' failed on {request.Node}: {error.GetType().Name}: {error.Message}"), true);
        }
    }

    private void Reply(ControlMessage request, IActorRef replyTo, ControlReply reply, bool served)
    {
        if (request.ReplyTo is null)
        {
            return; // a fire-and-forget command (e.g. update:<site> from an application)
        }

        // How many nodes the request reached: the target alone, or the members up and reachable (with the role asked).
        var expected = request.TargetNode is not null ? 1 : AkkaMembers.CountUp(Context.System, request.TargetRole) ?? 1;
        var message = new ControlMessage
        {
            Kind = ControlMessageKind.Reply,
            Sender = services.Node,
            Command = request.Command,
            CorrelationId = request.CorrelationId,
            ReplyTo = request.ReplyTo,
            ExitCode = reply.ExitCode,
            Text = reply.Text,
            Data = reply.Data,
            Served = served,
            Expected = expected,
        };
        replyTo.Tell(new ControlEnvelope(ControlWire.Seal(message, services.Signer)));
    }
}
