using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace QueueActors.Benchmarks.Persistence;

/// <summary>
/// A throwaway PostgreSQL 15 cluster for the benchmark (scripts/postgres-cluster.sh, default durability:
/// fsync on), in a temp directory on a free port; stopped and deleted on dispose.
/// </summary>
internal sealed class BenchmarkPostgres : IAsyncDisposable
{
    private readonly string _script;
    private readonly string _directory;
    private readonly int _port;

    private BenchmarkPostgres(string script, string directory, int port)
    {
        _script = script;
        _directory = directory;
        _port = port;
    }

    public string ConnectionString =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = "postgres", Database = "bench", MaxPoolSize = 40 }.ConnectionString;

    public static async Task<BenchmarkPostgres> StartAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "qa-bench-pg-" + Guid.NewGuid().ToString("N")[..8]);
        var server = new BenchmarkPostgres(FindScript(), directory, FreePort());
        await server.RunAsync("start", directory, server._port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var admin = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("CREATE DATABASE bench", connection);
        await command.ExecuteNonQueryAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunAsync("stop", _directory);
        }
        finally
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private async Task RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true };
        info.Environment["PG_OPTIONS"] = "-c max_connections=300"; // durability as shipped: fsync and synchronous_commit on
        info.ArgumentList.Add(_script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"postgres-cluster.sh {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scripts", "postgres-cluster.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("scripts/postgres-cluster.sh not found above " + AppContext.BaseDirectory);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
