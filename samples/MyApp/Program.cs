using MyApp;
using QueueActors.Actors.Processing;
using QueueActors.Host.Cli;

// The verbs and options of `queueactors` (run, process-queue, publish, purge-queue, ctl, site, dead …),
// with your handlers in the node.
return await QueueActorsCli.InvokeAsync(args, "myapp", defaultRoles: null, services => services.AddQueueHandler<WelcomeEmailHandler>());
