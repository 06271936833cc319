using QueueActors.Actors.Config;
using QueueActors.Host.Cli;

// The seed node: the same node program with the seed role only (control plane, no handlers).
return await QueueActorsCli.InvokeAsync(args, "queueactors-seed", defaultRoles: [NodeSettings.SeedRole]);
