namespace QueueActors.TestWorker;

/// <summary>
/// <c>handled.&lt;pid&gt;.log</c> in <c>QA_WORKER_OUT</c>: one line per handled event (its message id), written before the
/// ack and flushed to the operating system, so a SIGKILL loses no line of an acknowledged event; tests count lines over
/// every process's file (duplicates: events handled again after a kill).
/// </summary>
public static class HandledLog
{
    private static readonly Lock Gate = new();
    private static StreamWriter? _writer;

    public static void Append(string messageId)
    {
        lock (Gate)
        {
            _writer ??= new StreamWriter(Path.Combine(Environment.GetEnvironmentVariable(WorkerCommandHandler.OutVariable)!, $"handled.{Environment.ProcessId}.log"), append: true) { AutoFlush = true };
            _writer.WriteLine(messageId);
        }
    }
}
