using System.Globalization;
using QueueActors.Benchmarks;

// Kernel benchmarks, compared with Akka.NET 1.5.27 on the same 2-core machine (issue #1), by default.
// Run: dotnet run -c Release --project tests/QueueActors.Benchmarks [-- --runs 5]
// XMPP output (issue #5), against a Prosody it starts itself (needs prosody installed; run as root or as a
// user who may run it): dotnet run -c Release --project tests/QueueActors.Benchmarks -- --xmpp [--runs 3] [--stanzas 20000]
var runs = Option("--runs") ?? (args.Contains("--xmpp") ? 3 : 5);
return args.Contains("--xmpp")
    ? await XmppBenchmarks.RunAllAsync(runs, Option("--stanzas") ?? 20_000)
    : await KernelBenchmarks.RunAllAsync(runs);

int? Option(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length
    ? int.Parse(args[at + 1], CultureInfo.InvariantCulture)
    : null;
