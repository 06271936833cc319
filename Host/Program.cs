using QueueActors.Host.Cli;

return await QueueActorsCli.InvokeAsync(args, "queueactors", defaultRoles: null);
