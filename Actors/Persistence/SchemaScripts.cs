using System.Data.Common;
using System.Globalization;
using System.Reflection;
using Dapper;

namespace QueueActors.Actors.Persistence;

/// <summary>
/// The ordered migration scripts of one component (<c>persistence</c>, <c>transport</c>) on one backend
/// (<c>sqlite</c>, <c>postgres</c>), embedded in this assembly as
/// <c>QueueActors.Migrations.&lt;backend&gt;.&lt;component&gt;.&lt;NNNN&gt;_&lt;name&gt;.sql</c>
/// (see QueueActors.Actors.csproj). Versions start at 1 and have no gaps: a released script is never
/// edited, a change is a new script.
/// </summary>
internal static class SchemaScripts
{
    /// <summary>The table that records which versions are applied, one row per applied script.</summary>
    public const string VersionTable = "schema_version";

    private static readonly Assembly Assembly = typeof(SchemaScripts).Assembly;

    public static IReadOnlyList<SchemaScript> For(string backend, string component)
    {
        var prefix = $"QueueActors.Migrations.{backend}.{component}.";
        var scripts = new List<SchemaScript>();
        foreach (var resource in Assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            var file = resource[prefix.Length..^".sql".Length];
            var separator = file.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(file.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Migration {resource} is not named NNNN_name.sql.");
            }

            using var stream = Assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(version, file[(separator + 1)..], reader.ReadToEnd()));
        }

        scripts.Sort(static (a, b) => a.Version.CompareTo(b.Version));
        for (var i = 0; i < scripts.Count; i++)
        {
            if (scripts[i].Version != i + 1)
            {
                throw new InvalidOperationException($"Migrations of {backend}/{component} must be numbered 1, 2, 3… without gaps; found {scripts[i].Version} at position {i + 1}.");
            }
        }

        return scripts.Count > 0 ? scripts : throw new InvalidOperationException($"No migrations embedded for {backend}/{component}.");
    }

    /// <summary>
    /// Applies the <paramref name="scripts"/> of <paramref name="component"/> newer than the version recorded in
    /// <see cref="VersionTable"/> (created if missing), each recorded there, inside <paramref name="transaction"/>: the
    /// caller holds what keeps two processes from migrating at once, and commits. Returns the version found.
    /// </summary>
    /// <param name="prepare">Rewrites a script before it runs (null: as written).</param>
    public static async Task<int> ApplyAsync(DbConnection connection, DbTransaction transaction, bool postgres, string component, IReadOnlyList<SchemaScript> scripts, Func<string, string>? prepare, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            postgres
                ? $"CREATE TABLE IF NOT EXISTS {VersionTable} (component text NOT NULL, version integer NOT NULL, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now(), PRIMARY KEY (component, version))"
                : $"CREATE TABLE IF NOT EXISTS {VersionTable} (component TEXT NOT NULL, version INTEGER NOT NULL, name TEXT NOT NULL, applied_at TEXT NOT NULL, PRIMARY KEY (component, version))",
            transaction: transaction,
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        var applied = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT COALESCE(MAX(version), 0) FROM {VersionTable} WHERE component = @component", new { component }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        CheckNotNewer(component, applied, scripts);
        foreach (var script in scripts.Where(s => s.Version > applied))
        {
            await connection.ExecuteAsync(new CommandDefinition(prepare is null ? script.Sql : prepare(script.Sql), transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await connection.ExecuteAsync(new CommandDefinition(
                postgres
                    ? $"INSERT INTO {VersionTable} (component, version, name) VALUES (@component, @version, @name)"
                    : $"INSERT INTO {VersionTable} (component, version, name, applied_at) VALUES (@component, @version, @name, @at)",
                new { component, version = script.Version, name = script.Name, at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture) },
                transaction,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        }

        return applied;
    }

    /// <summary>Fails when the database holds a newer schema than this build knows (it was upgraded by a newer release).</summary>
    public static void CheckNotNewer(string component, int applied, IReadOnlyList<SchemaScript> scripts)
    {
        if (applied > scripts.Count)
        {
            throw new PersistenceException($"The database holds {component} schema version {applied}, newer than this build knows ({scripts.Count}): run a release at least as new as the one that upgraded it.");
        }
    }
}
