using System.Diagnostics;
using System.Globalization;
using Akka.Actor;
using QueueActors.Actors.Config;
using QueueActors.Actors.Xmpp;
using QueueActors.Actors.Xmpp.Protocol;

namespace QueueActors.Benchmarks.Xmpp;

/// <summary>
/// Stanzas per second through the one XMPP connection of an <see cref="XmppOutputActor"/>, against a real
/// Prosody started for the run (<see cref="XmppBenchServer"/>): N stanzas are told to
/// the actor at once; "confirmed" stops the clock when the last <see cref="StanzaSent"/> came back (the server
/// answered the ping behind it), "received" when a second client got the last one.
/// </summary>
internal static class XmppBenchmarks
{
    public static async Task<int> RunAllAsync(int runs, int stanzas)
    {
        Console.WriteLine($"QueueActors XMPP output: {Environment.ProcessorCount} cores, .NET {Environment.Version}, {stanzas} stanzas per run, median of {runs} runs");
        await using var server = await XmppBenchServer.StartAsync();
        Console.WriteLine($"{"scenario",-44} {"confirmed/s",12} {"received/s",12}");
        foreach (var (name, mode, tls) in new[] { ("client, plain TCP", XmppMode.Client, false), ("client, STARTTLS", XmppMode.Client, true), ("component (2 sites)", XmppMode.Component, false) })
        {
            var results = new List<(double Confirmed, double Received)>();
            for (var run = 0; run <= runs; run++)
            {
                var result = await RunAsync(server, mode, tls, stanzas);
                if (run > 0)
                {
                    results.Add(result); // run 0 warms up
                }
            }

            var confirmed = results.Select(r => r.Confirmed).Order().ToList();
            var received = results.Select(r => r.Received).Order().ToList();
            Console.WriteLine($"{name,-44} {confirmed[runs / 2],12:0} {received[runs / 2],12:0}   runs: {string.Join(", ", results.Select(r => r.Confirmed.ToString("0", CultureInfo.InvariantCulture)))}");
        }

        return 0;
    }

    private static async Task<(double Confirmed, double Received)> RunAsync(XmppBenchServer server, XmppMode mode, bool tls, int count)
    {
        var received = 0;
        var allReceived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var receiver = await server.ConnectReceiverAsync(_ =>
        {
            if (Interlocked.Increment(ref received) == count)
            {
                allReceived.TrySetResult();
            }
        });

        using var system = ActorSystem.Create("bench", "akka.loglevel = WARNING"); // no shutdown lines between the table rows
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        system.EventStream.Subscribe(system.ActorOf(CallbackActor.Props(_ => connected.TrySetResult())), typeof(XmppConnected));
        var settings = server.Settings(mode, tls);
        var secret = new Secret(mode == XmppMode.Client ? XmppBenchServer.Password : server.Prosody.ComponentSecret);
        var output = system.ActorOf(XmppOutputActor.Props(settings, new XmppConnector(settings, secret)), "xmpp");
        await connected.Task.WaitAsync(TimeSpan.FromSeconds(30));

        var sent = 0;
        var allConfirmed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var replies = system.ActorOf(CallbackActor.Props(message =>
        {
            if (message is StanzaSent && Interlocked.Increment(ref sent) == count)
            {
                allConfirmed.TrySetResult();
            }
        }));
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var site = i % 2 == 0 ? "alpha" : "beta";
            output.Tell(new SendStanza(new XmppStanza("b" + i.ToString(CultureInfo.InvariantCulture), site, receiver.Jid, "benchmark stanza number " + i.ToString(CultureInfo.InvariantCulture))), replies);
        }

        await allConfirmed.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var confirmedAfter = watch.Elapsed;
        await allReceived.Task.WaitAsync(TimeSpan.FromMinutes(5));
        var receivedAfter = watch.Elapsed;
        return (count / confirmedAfter.TotalSeconds, count / receivedAfter.TotalSeconds);
    }
}
