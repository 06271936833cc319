namespace QueueActors.TestWorker;

/// <summary>What the test asks the worker to do with one event.</summary>
/// <param name="Action">ok, sleep (half a second), slow (3 s), block, block-once (block the first time this event is seen, then succeed), gate (wait for an "open" file in the out directory), fail (throw) or failfast.</param>
/// <param name="Text">A label for the test.</param>
public sealed record WorkerCommand(string Action, string Text);
