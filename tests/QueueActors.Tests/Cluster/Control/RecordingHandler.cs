using System.Collections.Concurrent;
using QueueActors.Actors.Cluster.Control;

namespace QueueActors.Tests.Cluster.Control;

/// <summary>Serves the given commands by recording each request and answering ok (or as <see cref="Answer"/> says).</summary>
public sealed class RecordingHandler(params string[] commands) : IControlCommandHandler
{
    public ConcurrentQueue<ControlRequest> Requests { get; } = new();

    public Func<ControlRequest, ControlReply> Answer { get; init; } = request => ControlReply.Ok($"{request.Command} done on {request.Node}");

    public IReadOnlyCollection<string> Commands => commands;

    public Task<ControlReply> HandleAsync(ControlRequest request, CancellationToken cancellationToken)
    {
        Requests.Enqueue(request);
        return Task.FromResult(Answer(request));
    }
}
