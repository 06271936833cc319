using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL 15 cluster for integration tests, run by <c>scripts/postgres-cluster.sh</c>:
/// <list type="number">
/// <item>initdb into a fresh temporary directory (as the postgres user when the tests run as root);</item>
/// <item>starts it on a free port on 127.0.0.1, socket in that directory, fsync off (a test cluster), 300 connections;</item>
/// <item>creates the login role <c>qa</c>; <see cref="CreateDatabaseAsync"/> makes a database it owns;</item>
/// <item>on dispose stops it and deletes the directory.</item>
/// </list>
/// A missing PostgreSQL fails the test with the way to install it; nothing is skipped.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string InitDb = "/usr/lib/postgresql/15/bin/initdb";
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);
    private readonly string _script;
    private readonly string? _serverOptions;

    private PostgresServer(string script, string directory, int port, string? serverOptions)
    {
        _script = script;
        _serverOptions = serverOptions;
        Directory = directory;
        Port = port;
    }

    public string Directory { get; }

    public int Port { get; }

    /// <summary>How long initdb and start took.</summary>
    public TimeSpan StartDuration { get; private set; }

    public static async Task<PostgresServer> StartNewAsync(string? serverOptions = "-c fsync=off -c full_page_writes=off -c max_connections=300")
    {
        if (!File.Exists(InitDb))
        {
            throw new InvalidOperationException(
                $"PostgreSQL 15 is not installed ({InitDb} is missing): run ./test.sh (installs postgresql) or apt-get install postgresql.");
        }

        var directory = Path.Combine(Path.GetTempPath(), "qa-pg-" + Guid.NewGuid().ToString("N")[..12]);
        var server = new PostgresServer(FindScript(), directory, FreePort(), serverOptions);
        try
        {
            var started = Stopwatch.StartNew();
            await server.StartAsync();
            server.StartDuration = started.Elapsed;
            await server.ExecuteAsync("postgres", "CREATE ROLE qa LOGIN PASSWORD 'qa'");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>Stops the server (fast shutdown: every session is cut, as in a crash of the database host) and starts it again on the same data.</summary>
    public async Task RestartAsync()
    {
        await RunScriptAsync(null, "stop", Directory);
        await StartAsync();
    }

    private Task StartAsync() => RunScriptAsync(_serverOptions, "start", Directory, Port.ToString());

    /// <summary>The connection string of a database as the <c>qa</c> role (a small pool, so that many test transports fit in max_connections).</summary>
    public string ConnectionString(string database) =>
        new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "qa", Password = "qa", Database = database, MaxPoolSize = 20 }.ConnectionString;

    /// <summary>Creates an empty database owned by <c>qa</c> and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string name)
    {
        await ExecuteAsync("postgres", $"CREATE DATABASE \"{name}\" OWNER qa");
        return ConnectionString(name);
    }

    /// <summary>Runs SQL as the superuser.</summary>
    public async Task ExecuteAsync(string database, string sql)
    {
        var builder = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = Port, Username = "postgres", Database = database, Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            NpgsqlConnection.ClearAllPools();
            await RunScriptAsync(null, "stop", Directory);
        }
        finally
        {
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }
    }

    private async Task RunScriptAsync(string? serverOptions, params string[] arguments)
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(_script);
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        if (serverOptions is not null)
        {
            info.Environment["PG_OPTIONS"] = serverOptions;
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException("Cannot start bash.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"postgres-cluster.sh {string.Join(' ', arguments)} did not finish in {ScriptTimeout}.");
        }

        await stdout;
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

    /// <summary>
    /// A free port in 15000–19999: below the kernel's ephemeral range (32768 up), and apart from the RabbitMQ
    /// test nodes' 20000–29999 and their CLI tools' 30000–39999 (distribution port + 10000).
    /// </summary>
    private static int FreePort()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(15000, 20000);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        throw new InvalidOperationException("No free port found in 15000-19999.");
    }
}
