using QueueActors.Benchmarks;

// Kernel benchmarks, compared with Akka.NET 1.5.27 on the same 2-core machine (issue #1).
// Run: dotnet run -c Release --project tests/QueueActors.Benchmarks [-- --runs 5]
var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
return await KernelBenchmarks.RunAllAsync(runs);
