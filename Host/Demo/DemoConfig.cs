using System.Text.Json;

namespace QueueActors.Host.Demo;

/// <summary>The demo's configuration, layered over reference.conf: short retries so that it ends in seconds.</summary>
public static class DemoConfig
{
    /// <summary>Retries after the first failure before dead letters.</summary>
    public const int MaxRetries = 2;

    /// <summary>HOCON text for a node whose data (database, dead letters) lives in <paramref name="dataDirectory"/>.</summary>
    public static string For(string dataDirectory)
    {
        // A JSON string is a valid HOCON quoted string, whatever the path holds (backslashes, quotes).
        var data = JsonSerializer.Serialize(dataDirectory);
        var deadLetters = JsonSerializer.Serialize(Path.Combine(dataDirectory, "dead-letters"));
        return $$"""
            queueactors {
              node { name = "demo", roles = [worker, seed] }
              data-directory = {{data}}
              shutdown-timeout = 5s
              # The demo's files are thrown away: commits need not survive a power loss.
              sqlite.synchronous = normal
              processing {
                max-retries = {{MaxRetries}}
                dead-letter-dir = {{deadLetters}}
                retry-backoff { min = 100ms, max = 400ms }
                # The webhook handler fails on purpose, thousands of times: restarting it is what the demo shows.
                handler-restart-window.max-restarts = -1
                # A real node pauses a queue that fails on everything (circuit breaker); the demo wants to show
                # those events reaching dead letters instead, so the breaker practically never opens.
                circuit-breaker.failures = 1000000
                queue-defaults { concurrency = 4, prefetch = 64 }
              }
            }
            """;
    }
}
