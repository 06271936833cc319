using System.Security.Cryptography;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;

namespace QueueActors.Host.Node;

/// <summary>
/// Where a node and <c>ctl</c> find the cluster secret. Configured (a file, or the environment variable) it is
/// used as it is, and must be readable and at least 16 bytes long. An embedded node on its SQLite file has nobody
/// to share a secret with but commands on the same machine: it keeps one in <c>&lt;data-directory&gt;/cluster.secret</c>
/// (made on first use, readable by its owner only), which <c>ctl</c> with the same data directory reads too. Any
/// other node without a configured secret runs without the control channel (and logs a warning).
/// </summary>
public static class ClusterSecrets
{
    /// <summary>The file of the embedded default's secret, inside the data directory.</summary>
    public const string EmbeddedFileName = "cluster.secret";

    private const string SecretFilePath = SigningSettings.Section + ".secret-file";
    private const string SecretEnvPath = SigningSettings.Section + ".secret-env";
    private const string DataDirectoryPath = "queueactors.data-directory";

    /// <summary>The cluster settings with the secret source to use, or null when there is no secret.</summary>
    /// <param name="options">The node's options.</param>
    /// <param name="createEmbedded">True (a node): make the embedded secret when it is missing; false (a one-shot command): only read it.</param>
    /// <exception cref="HoconException">The configured secret cannot be read or is too short; the message names the file or variable, never the secret.</exception>
    public static ClusterSettings? Resolve(NodeOptions options, bool createEmbedded = true)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Cluster;
        var source = settings.Signing.Secret;
        if (!string.IsNullOrWhiteSpace(source.File))
        {
            // A named file that is missing is a mistake to stop at, never a node quietly without its control channel.
            Check(options.Config, source, SecretFilePath);
            return settings;
        }

        if (!string.IsNullOrWhiteSpace(source.EnvironmentVariable) && !string.IsNullOrEmpty(Environment.GetEnvironmentVariable(source.EnvironmentVariable)))
        {
            Check(options.Config, source, SecretEnvPath);
            return settings;
        }

        if (options.TransportKind != NodeTransportKind.Sqlite)
        {
            return null;
        }

        var file = Path.Combine(options.Sqlite.DataDirectory, EmbeddedFileName);
        if (createEmbedded)
        {
            EnsureFile(file);
        }
        else if (!File.Exists(file))
        {
            return null;
        }

        var embedded = new SecretSource(file, null);
        Check(options.Config, embedded, DataDirectoryPath);
        return settings with { Signing = settings.Signing with { Secret = embedded } };
    }

    private static void Check(HoconConfig config, SecretSource source, string path)
    {
        int length;
        try
        {
            length = source.Read().RevealBytes().Length;
        }
        catch (InvalidOperationException error)
        {
            throw config.ErrorAt(path, error.Message);
        }

        if (length < CommandSigner.MinimumSecretBytes)
        {
            var where = source.File is { Length: > 0 } file ? $"the file {file}" : $"the environment variable {source.EnvironmentVariable}";
            throw config.ErrorAt(path, $"the cluster secret in {where} is {length} bytes long; it must be at least {CommandSigner.MinimumSecretBytes} (e.g. head -c 32 /dev/urandom | base64)");
        }
    }

    private static void EnsureFile(string file)
    {
        if (File.Exists(file))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        try
        {
            using var writer = new StreamWriter(file, options);
            writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
        }
        catch (IOException) when (File.Exists(file))
        {
            // Another process made it first: use theirs.
        }
    }
}
