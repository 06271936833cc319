using QueueActors.Benchmarks;
using QueueActors.Benchmarks.Persistence;

// Kernel benchmarks, compared with Akka.NET 1.5.27 on the same 2-core machine (issue #1).
// Run: dotnet run -c Release --project tests/QueueActors.Benchmarks [-- --runs 5]
// SQL transport and journal on SQLite and PostgreSQL (issue #4; starts its own PostgreSQL 15 cluster unless
// QUEUEACTORS_POSTGRES is set): dotnet run -c Release --project tests/QueueActors.Benchmarks -- --persistence
if (args.Length == 1 && args[0] == "--persistence")
{
    return await PersistenceBenchmarks.RunAllAsync();
}

var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5;
return await KernelBenchmarks.RunAllAsync(runs);
