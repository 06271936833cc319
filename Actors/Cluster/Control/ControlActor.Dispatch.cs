using Akka.Actor;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Membership;

namespace QueueActors.Actors.Cluster.Control;

/// <summary>Running a request's handler and answering it.</summary>
public sealed partial class ControlActor
{
    private Task DispatchAsync(ControlMessage message)
    {
        var (command, arguments) = ControlCommands.Normalize(message.Command!, message.Arguments);
        ControlLog.CommandReceived(logger, command, message.Sender, message.CorrelationId);
        if (!handlers.TryGetValue(command, out var handler))
        {
            ControlLog.NoHandler(logger, command);
            return ReplyAsync(message, ControlReply.Failed($"node {services.Node} does not serve '{command}'"), served: false);
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
                self.Tell(new Handled(message, reply, served));
            },
            CancellationToken.None);
        return Task.CompletedTask;
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

    private async Task ReplyAsync(ControlMessage request, ControlReply reply, bool served)
    {
        if (request.ReplyTo is null)
        {
            return; // a fire-and-forget command (e.g. update:<site> from an application)
        }

        // How many nodes the request reached: Akka's members up and reachable (one, the target, for a request to a node);
        // on a system that is no cluster member, the heartbeat view.
        var expected = request.TargetNode is not null && AkkaMembers.IsClustered(Context.System) ? 1
            : AkkaMembers.CountUp(Context.System, request.TargetRole) ?? services.Members.CountUp(s =>
                (request.TargetNode is null || s.Node == request.TargetNode) && (request.TargetRole is null || s.Roles.Contains(request.TargetRole)));
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
        try
        {
            await publisher.PublishAsync(message, stopping.Token);
        }
        catch (Exception error) when (error is Transport.TransportException or OperationCanceledException or ObjectDisposedException)
        {
            ControlLog.ReplyFailed(logger, request.Command ?? string.Empty, request.ReplyTo, error);
        }
    }
}
