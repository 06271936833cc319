using Npgsql;
using QueueActors.Actors.Config;

namespace QueueActors.Actors.Persistence.Postgres;

/// <summary>
/// A shared PostgreSQL database: <c>queueactors.postgres</c>. <see cref="ToString"/> and
/// <see cref="MaskedConnectionString"/> never show the password.
/// </summary>
public sealed record PostgresSettings
{
    public const string Section = "queueactors.postgres";

    /// <summary>The Npgsql connection string, password included: pass it to Npgsql, never to a log.</summary>
    public required string ConnectionString { get; init; }

    /// <summary>The connection string with its password replaced by <c>***</c>.</summary>
    public string MaskedConnectionString => Mask(ConnectionString);

    /// <param name="config">A full configuration (normally <see cref="ConfigLoader.Load"/>'s).</param>
    /// <exception cref="HoconException">The connection string is empty (not configured) or does not parse.</exception>
    public static PostgresSettings FromConfig(HoconConfig config)
    {
        var section = config.GetConfig(Section);
        var text = section.GetString("connection-string");
        if (string.IsNullOrWhiteSpace(text))
        {
            throw section.InvalidValue("connection-string", "a PostgreSQL connection string (or the QUEUEACTORS_POSTGRES environment variable)");
        }

        try
        {
            _ = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException)
        {
            // Neither the parser's message nor InvalidValue's may be shown: both quote the text, password included.
            var at = section.InvalidValue("connection-string", "a connection string");
            throw new HoconException(at.Origin, at.Line, at.Column, "expected a connection string of Key=Value pairs that Npgsql accepts (the value is not shown: it may hold a password)", at.Path);
        }

        return new PostgresSettings { ConnectionString = text };
    }

    /// <summary>The connection string with its password (if any) replaced by <c>***</c>.</summary>
    public static string Mask(string connectionString)
    {
        try
        {
            var builder = new NpgsqlConnectionStringBuilder(connectionString);
            if (!string.IsNullOrEmpty(builder.Password))
            {
                builder.Password = "***";
            }

            return builder.ConnectionString;
        }
        catch (ArgumentException)
        {
            return "(unparsable connection string)";
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"PostgresSettings {{ ConnectionString = {MaskedConnectionString} }}";
}
