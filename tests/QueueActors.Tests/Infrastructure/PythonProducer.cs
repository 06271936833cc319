using System.ComponentModel;
using System.Diagnostics;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// A producer that is not QueueActors: Python's pika (python3-pika, installed by scripts/install-test-deps.sh)
/// publishing as Zulip's <c>queue_json_publish</c> does: a persistent JSON body on the default exchange, the
/// queue's name as routing key, no headers; with confirms and <c>mandatory</c>, so that the call returns once
/// the broker has the message on the queue. A missing python3 or pika fails the test with how to install it.
/// </summary>
public static class PythonProducer
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    private const string Script = """
        import sys
        import pika
        url, queue, body, message_id = sys.argv[1:5]
        connection = pika.BlockingConnection(pika.URLParameters(url))
        channel = connection.channel()
        channel.confirm_delivery()
        properties = pika.BasicProperties(delivery_mode=2, message_id=message_id or None)
        channel.basic_publish(exchange="", routing_key=queue, body=body.encode("utf-8"), properties=properties, mandatory=True)
        connection.close()
        """;

    /// <summary>The interpreter: the system's, where apt installs python3-pika (a pyenv or venv python3 on PATH may lack it).</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3";

    /// <summary>Publishes <paramref name="json"/> to broker queue <paramref name="brokerQueue"/> (with an AMQP message-id if given).</summary>
    public static async Task PublishAsync(RabbitMqBroker broker, string brokerQueue, string json, string? messageId = null)
    {
        var info = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-c", Script, $"amqp://guest:guest@127.0.0.1:{broker.AmqpPort}/%2F", brokerQueue, json, messageId ?? "" })
        {
            info.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException($"Cannot start {Python}.");
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException($"{Python} cannot be run ({ex.Message}): {HowToInstall}", ex);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(Timeout);
            var stderr = await error;
            await output;
            if (process.ExitCode != 0)
            {
                throw new InvalidOperationException(stderr.Contains("No module named 'pika'", StringComparison.Ordinal)
                    ? $"pika is not installed for {Python}: {HowToInstall}"
                    : $"{Python} with pika could not publish to {brokerQueue} (exit {process.ExitCode}):\n{stderr}");
            }
        }
    }

    private static string HowToInstall => "run ./test.sh (scripts/install-test-deps.sh installs it) or apt-get install python3-pika.";
}
