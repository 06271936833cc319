using QueueActors.Benchmarks;
using QueueActors.Benchmarks.Pipeline;

// Kernel benchmarks, compared with Akka.NET 1.5.27 on the same 2-core machine (issue #1):
//   dotnet run -c Release --project tests/QueueActors.Benchmarks [-- --runs 5]
// Pipeline benchmarks, QueueActors vs the bare RabbitMQ.Client on one broker (issue #3):
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --pipeline --broker amqp://guest:guest@127.0.0.1:5672/ [--runs 3]
var runs = Option("--runs") is { } text ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : (args.Contains("--pipeline") ? 3 : 5);
if (args.Contains("--pipeline"))
{
    var broker = Option("--broker") ?? "amqp://guest:guest@127.0.0.1:5672/";
    return await PipelineBenchmarks.RunAllAsync(new Uri(broker), runs);
}

return await KernelBenchmarks.RunAllAsync(runs);

string? Option(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
