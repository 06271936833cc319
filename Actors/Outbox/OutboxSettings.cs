using Npgsql;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Outbox;

/// <summary>
/// The outbox relay of a node: <c>queueactors.outbox</c>. <see cref="ToString"/> never shows the connection
/// string (it may hold a password).
/// </summary>
public sealed record OutboxSettings
{
    public const string Section = "queueactors.outbox";

    /// <summary>Whether this node runs the relay.</summary>
    public required bool Enabled { get; init; }

    /// <summary>The application database's kind.</summary>
    public required OutboxProvider Provider { get; init; }

    /// <summary>The application database (Npgsql or Microsoft.Data.Sqlite connection string): a secret, never logged.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The outbox table (<see cref="OutboxTable.Validate"/>).</summary>
    public string Table { get; init; } = OutboxTable.DefaultName;

    /// <summary>Rows claimed and published per round: also the most duplicates a killed relay can cause.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>How often the relay looks for rows when nothing woke it (SQLite: the delivery latency).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>SQLite: how long a relay's claim on rows lasts (a killed relay's rows are published again after it).</summary>
    public TimeSpan ClaimTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    /// <exception cref="HoconException">A value is not valid; the connection string is never quoted.</exception>
    public static OutboxSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        var enabled = section.GetBool("enabled");
        var provider = section.GetString("provider") switch
        {
            "sqlite" => OutboxProvider.Sqlite,
            "postgresql" => OutboxProvider.Postgresql,
            _ => throw section.InvalidValue("provider", "sqlite or postgresql"),
        };
        var table = section.GetString("table");
        try
        {
            OutboxTable.Validate(table);
        }
        catch (ArgumentException ex)
        {
            throw section.ErrorAt("table", ex.Message.Split(" (Parameter", 2)[0]);
        }

        var connectionString = section.GetString("connection-string");
        if (enabled && string.IsNullOrWhiteSpace(connectionString))
        {
            throw section.ErrorAt("connection-string", "the relay is enabled, so it needs the application database's connection string");
        }

        if (enabled && !Parses(provider, connectionString))
        {
            // Neither the parser's message nor InvalidValue's may be shown: both quote the text, password included.
            throw section.ErrorAt("connection-string", $"expected a connection string of Key=Value pairs that the {provider} driver accepts (the value is not shown: it may hold a password)");
        }

        return new OutboxSettings
        {
            Enabled = enabled,
            Provider = provider,
            ConnectionString = connectionString,
            Table = table,
            BatchSize = SettingRules.IntAtLeast(section, "batch-size", 1),
            PollInterval = SettingRules.PositiveDuration(section, "poll-interval"),
            ClaimTimeout = SettingRules.PositiveDuration(section, "claim-timeout"),
        };
    }

    private static bool Parses(OutboxProvider provider, string connectionString)
    {
        try
        {
            _ = provider == OutboxProvider.Postgresql
                ? new NpgsqlConnectionStringBuilder(connectionString).ConnectionString
                : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).ConnectionString;
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException or KeyNotFoundException)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"OutboxSettings {{ Enabled = {Enabled}, Provider = {Provider}, Table = {Table}, BatchSize = {BatchSize}, PollInterval = {PollInterval}, ClaimTimeout = {ClaimTimeout} }}";
}
