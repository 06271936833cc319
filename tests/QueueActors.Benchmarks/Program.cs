using System.Globalization;
using QueueActors.Benchmarks;
using QueueActors.Benchmarks.Cluster;
using QueueActors.Benchmarks.InProcess;
using QueueActors.Benchmarks.Metrics;
using QueueActors.Benchmarks.Persistence;
using QueueActors.Benchmarks.Pipeline;
using QueueActors.Benchmarks.Sites;
using QueueActors.Benchmarks.Xmpp;

// One mode per run (without one, this usage is printed).
// Pipeline benchmarks, QueueActors vs the bare RabbitMQ.Client on one broker (issue #3):
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --pipeline --broker amqp://guest:guest@127.0.0.1:5672/ [--runs 3] [--only publish] [--alloc-types]
// (QUEUEACTORS_BENCH_STATS_DIR=/tmp/stats runs --pipeline and --in-process with the per-queue stats files and error logs on.)
// The pipeline's own cost per event, no broker (in-memory transport, no-op handler): µs and bytes allocated per event:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --in-process [--runs 5] [--events 200000]
// SQL transport and the persistent actors' journal (Akka.Persistence.Sql) on SQLite and PostgreSQL (issues #4, #6;
// starts its own PostgreSQL 15 cluster unless QUEUEACTORS_POSTGRES is set); --journal-only skips the transport:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --persistence [--journal-only] [--dead-letters 20000]
// XMPP output (issue #5), against a Prosody it starts itself (needs prosody installed; run as root or as a
// user who may run it):
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --xmpp [--runs 3] [--stanzas 20000]
// Control channel (issue #5): time from `ctl site update` to all 3 node processes applying it; starts the nodes from
// the built Host (dotnet build -c Release Host first, or --host <queueactors.dll>); then (issue [7]) the time from a new
// worker's process start to its MemberUp in the Akka cluster, over --joins workers started one after the other; then the
// seed roles' hand-over (Akka's cluster singleton) between two seed processes, --handovers graceful leaves and as many
// SIGKILLs (--only handover: this row alone):
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --cluster --broker amqp://guest:guest@127.0.0.1:5672/ [--updates 50] [--joins 5] [--handovers 3] [--only handover [--akka-file <hocon added to the seeds' files>]]
// XMPP output takeover (issue #5): two `queueactors run` nodes on one broker, the one holding the connection killed
// with SIGKILL (--graceful: SIGTERM) while stanzas flow (one per --interval-ms); needs prosody as for --xmpp:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --xmpp-takeover --broker amqp://guest:guest@127.0.0.1:5672/ [--runs 5] [--interval-ms 10] [--graceful]
// Remoting round trip with mutual TLS vs plain (issue [7] item 5), two actor systems in this process on loopback:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --remoting-tls [--round-trips 20000]
// The node's /metrics (issue [8]): scrape time and size with --sites x --queues series recorded into the instruments:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --metrics-scrape [--sites 200] [--queues 5] [--scrapes 50]
// One node with many sites (issue [9] item 5): start time, memory, idle CPU and `site update` round trip for each
// <sites>x<broken-out sites> shape (sites on the shared queue, the first ones also broken out onto their own queue):
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --sites-scale --broker amqp://guest:guest@127.0.0.1:5672/ [--shapes 100x0,1000x0,10000x0,10000x100,10000x1000]
// Publish with Delay and with UniqueKey against a plain publish (issue [10] items 1-2), on SQLite and (with --broker) RabbitMQ:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --publish-options [--broker amqp://guest:guest@127.0.0.1:5672/] [--events 5000]
// Transactional outbox (issue [10] item 4): plain publish vs outbox enqueue + relay on SQLite and PostgreSQL, on a plain
// queue and on one of 8 partitions (starts its own PostgreSQL 15 cluster unless QUEUEACTORS_POSTGRES is set):
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --outbox --broker amqp://guest:guest@127.0.0.1:5672/ [--events 5000]
// (--in-process --with-metrics runs the in-process benchmark with the /metrics listener's meter provider listening.)
// The reference processors (issue [10] item 7) and the fan-out (item 5): emails/s, webhooks/s, 1 -> 100 vs 100 publishes:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --processors [--emails 2000] [--webhooks 5000] [--rounds 20] [--broker amqp://…]
// Events pushed to connected clients (issue [10] item 6): a handler that pushes vs one that does not, and fan-out to SSE clients:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --push [--events 5000] [--clients 100] [--rounds 50]
if (args.Contains("--push"))
{
    return await QueueActors.Benchmarks.Push.PushBenchmark.RunAsync(IntOption("--events") ?? 5000, IntOption("--clients") ?? 100, IntOption("--rounds") ?? 50);
}

// Hot-queue sharding (issue [10] item 8): a queue of 8 partitions vs a plain one, 1 and 2 in-process cluster nodes:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --partitions --broker amqp://guest:guest@127.0.0.1:5672/ [--events 20000]
// The same queue spreading over a node that joins: seconds from its MemberUp to 4 and 4 partitions, Akka's sharding
// defaults against reference.conf's allocation limits:
//   dotnet run -c Release --project tests/QueueActors.Benchmarks -- --partitions-rebalance --broker amqp://guest:guest@127.0.0.1:5672/ [--runs 3]
if (args.Contains("--partitions-rebalance"))
{
    return await QueueActors.Benchmarks.Partitions.RebalanceBenchmark.RunAsync(new Uri(TextOption("--broker") ?? "amqp://guest:guest@127.0.0.1:5672/"), IntOption("--runs") ?? 3);
}

if (args.Contains("--partitions"))
{
    return await QueueActors.Benchmarks.Partitions.PartitionBenchmark.RunAsync(new Uri(TextOption("--broker") ?? "amqp://guest:guest@127.0.0.1:5672/"), IntOption("--events") ?? 20_000);
}

if (args.Contains("--processors"))
{
    return await QueueActors.Benchmarks.Processors.ProcessorsBenchmark.RunAllAsync(IntOption("--emails") ?? 2000, IntOption("--webhooks") ?? 5000, IntOption("--rounds") ?? 20, TextOption("--broker") is { } processorsBroker ? new Uri(processorsBroker) : null);
}

if (args is [SitesNode.Verb, .. var nodeArguments])
{
    return await SitesNode.RunAsync(nodeArguments);
}

if (args.Contains("--sites-scale"))
{
    var broker = TextOption("--broker") ?? "amqp://guest:guest@127.0.0.1:5672/";
    var shapes = (TextOption("--shapes") ?? "100x0,1000x0,10000x0,10000x100,10000x1000")
        .Split(',').Select(shape => shape.Split('x')).Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), int.Parse(p[1], CultureInfo.InvariantCulture))).ToArray();
    return await SitesScaleBenchmark.RunAllAsync(new Uri(broker), shapes);
}

if (args.Contains("--metrics-scrape"))
{
    return await ScrapeBenchmark.RunAsync(IntOption("--sites") ?? 200, IntOption("--queues") ?? 5, IntOption("--scrapes") ?? 50);
}

if (args.Contains("--remoting-tls"))
{
    return await RemotingTlsBenchmark.RunAllAsync(IntOption("--round-trips") ?? 20_000);
}

if (args.Contains("--cluster"))
{
    var broker = TextOption("--broker") ?? "amqp://guest:guest@127.0.0.1:5672/";
    if (TextOption("--only") == "handover")
    {
        await SeedHandoverBenchmark.RunAsync(new Uri(broker), TextOption("--host") ?? ClusterNode.FindHost(), IntOption("--handovers") ?? 3, TextOption("--akka-file") is { } akka ? File.ReadAllText(akka) : "");
        return 0;
    }

    return await ClusterBenchmarks.RunAllAsync(new Uri(broker), IntOption("--updates") ?? 50, TextOption("--host"), IntOption("--joins") ?? 5, IntOption("--handovers") ?? 3);
}

if (args.Contains("--pipeline"))
{
    var broker = TextOption("--broker") ?? "amqp://guest:guest@127.0.0.1:5672/";
    return await PipelineBenchmarks.RunAllAsync(new Uri(broker), IntOption("--runs") ?? 3, TextOption("--only"), args.Contains("--alloc-types"));
}

if (args.Contains("--in-process"))
{
    return await InProcessBenchmarks.RunAllAsync(IntOption("--runs") ?? 5, IntOption("--events") ?? 200_000, args.Contains("--with-metrics"));
}

if (args.Contains("--persistence"))
{
    return await PersistenceBenchmarks.RunAllAsync(args.Contains("--journal-only"), IntOption("--dead-letters") ?? 20_000);
}

if (args.Contains("--outbox"))
{
    return await QueueActors.Benchmarks.Outbox.OutboxBenchmark.RunAsync(new Uri(TextOption("--broker") ?? "amqp://guest:guest@127.0.0.1:5672/"), IntOption("--events") ?? 5_000);
}

if (args.Contains("--xmpp-takeover"))
{
    var broker = TextOption("--broker") ?? "amqp://guest:guest@127.0.0.1:5672/";
    return await XmppTakeoverBenchmark.RunAllAsync(new Uri(broker), IntOption("--runs") ?? 5, TimeSpan.FromMilliseconds(IntOption("--interval-ms") ?? 10), args.Contains("--graceful"));
}

if (args.Contains("--publish-options"))
{
    return await QueueActors.Benchmarks.Publishing.PublishOptionsBenchmark.RunAsync(TextOption("--broker") is { } uri ? new Uri(uri) : null, IntOption("--events") ?? 5000);
}

if (args.Contains("--xmpp"))
{
    return await XmppBenchmarks.RunAllAsync(IntOption("--runs") ?? 3, IntOption("--stanzas") ?? 20_000);
}

Console.Error.WriteLine("usage: QueueActors.Benchmarks --pipeline | --in-process | --remoting-tls | --persistence | --xmpp | --xmpp-takeover | --cluster | --sites-scale | --metrics-scrape | --outbox [options]; see the comments at the top of Program.cs");
return 1;

string? TextOption(string name) => Array.IndexOf(args, name) is var at and >= 0 && at + 1 < args.Length ? args[at + 1] : null;

int? IntOption(string name) => TextOption(name) is { } text ? int.Parse(text, CultureInfo.InvariantCulture) : null;
