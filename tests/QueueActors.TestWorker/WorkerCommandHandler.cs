using QueueActors.Actors.Processing;

namespace QueueActors.TestWorker;

/// <summary>
/// Does what the event says and leaves empty marker files in <c>QA_WORKER_OUT</c>, which the test (another
/// process) waits for: <c>started.&lt;messageId&gt;.&lt;pid&gt;</c> on entry and <c>handled.&lt;messageId&gt;.&lt;pid&gt;</c>
/// on success; every start also appends <c>&lt;attempts&gt; &lt;pid&gt;</c> to <c>attempts.&lt;messageId&gt;</c>.
/// </summary>
[Queue("worker")]
public sealed class WorkerCommandHandler : IQueueHandler<WorkerCommand>
{
    public const string QueueVariable = "QA_WORKER_QUEUE";
    public const string OutVariable = "QA_WORKER_OUT";

    private readonly string _out = Environment.GetEnvironmentVariable(OutVariable) ?? throw new InvalidOperationException($"{OutVariable} is not set");

    public async ValueTask HandleAsync(WorkerCommand @event, HandlerContext context, CancellationToken cancellationToken)
    {
        Mark("started", context.MessageId);
        File.AppendAllText(Path.Combine(_out, "attempts." + context.MessageId), $"{context.Attempts} {Environment.ProcessId}\n");
        switch (@event.Action)
        {
            case "sleep":
                await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
                break;
            case "slow":
                await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken).ConfigureAwait(false);
                break;
            case "block":
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                break;
            case "block-once" when !File.Exists(Path.Combine(_out, "blocked." + context.MessageId)):
                Mark("blocked", context.MessageId, withPid: false);
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
                break;
            case "gate": // waits for the test to open the gate (an "open" file), so that the test knows what is in flight
                while (!File.Exists(Path.Combine(_out, "open")))
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
                }

                break;
            case "fail":
                throw new InvalidOperationException($"test worker told to fail on message {context.MessageId}");
            case "failfast":
                Environment.FailFast($"test worker told to fail fast on message {context.MessageId}");
                break;
        }

        Mark("handled", context.MessageId);
    }

    private void Mark(string what, string messageId, bool withPid = true) =>
        File.WriteAllBytes(Path.Combine(_out, withPid ? $"{what}.{messageId}.{Environment.ProcessId}" : $"{what}.{messageId}"), []);
}
