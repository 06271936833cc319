using System.Globalization;
using QueueActors.Benchmarks;

// Kernel benchmarks, compared with Akka.NET 1.5.27 on the same 2-core machine (issue #1).
// Run: dotnet run -c Release --project tests/QueueActors.Benchmarks [-- --runs 5] [--only ping-pong]
var runs = 5;
string? only = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--runs":
            runs = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            break;
        case "--only":
            only = args[i + 1];
            break;
        default:
            Console.Error.WriteLine("usage: QueueActors.Benchmarks [--runs N] [--only TEXT]");
            return 1;
    }
}

return await KernelBenchmarks.RunAllAsync(runs, only);
