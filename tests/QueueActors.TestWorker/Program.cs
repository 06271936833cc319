using QueueActors.Actors.Processing;
using QueueActors.Host.Cli;
using QueueActors.TestWorker;

if (args is [LeaseHolder.Verb, .. var leaseArguments])
{
    return await LeaseHolder.RunAsync(leaseArguments);
}

if (args is [ClusterMember.Verb, .. var memberArguments])
{
    return await ClusterMember.RunAsync(memberArguments);
}

// The queueactors node with one test handler, on the queue named by QA_WORKER_QUEUE; what the handler did
// is left as marker files in QA_WORKER_OUT (see WorkerCommandHandler), or lines of HandledLog for the handler
// QA_WORKER_HANDLER names (count, leak).
var queue = Environment.GetEnvironmentVariable(WorkerCommandHandler.QueueVariable) ?? "worker";
var handler = Environment.GetEnvironmentVariable("QA_WORKER_HANDLER") switch
{
    CountingHandler.Name => typeof(CountingHandler),
    LeakingHandler.Name => typeof(LeakingHandler),
    PushingHandler.Name => typeof(PushingHandler),
    _ => typeof(WorkerCommandHandler),
};
return await QueueActorsCli.InvokeAsync(args, "qa-testworker", defaultRoles: null, services =>
{
    services.AddQueueHandler(handler, queue);
    DieAfterRetryPublish.ApplyIfAsked(services);
});
