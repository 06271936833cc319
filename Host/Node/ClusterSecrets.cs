using System.Security.Cryptography;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Config;

namespace QueueActors.Host.Node;

/// <summary>
/// Where a node and <c>ctl</c> find the cluster secret. Configured (a file, or the environment variable) it is
/// used as it is. An embedded node on its SQLite file has nobody to share a secret with but commands on the
/// same machine: it keeps one in <c>&lt;data-directory&gt;/cluster.secret</c> (made on first use, readable by
/// its owner only), which <c>ctl</c> with the same configuration reads too. Any other node without a secret
/// runs without the control channel.
/// </summary>
public static class ClusterSecrets
{
    /// <summary>The file of the embedded default's secret, inside the data directory.</summary>
    public const string EmbeddedFileName = "cluster.secret";

    /// <summary>The cluster settings with the secret source to use, or null when there is no secret.</summary>
    public static ClusterSettings? Resolve(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = ClusterSettings.FromConfig(options.Config);
        if (IsAvailable(settings.Signing.Secret))
        {
            return settings;
        }

        if (options.TransportKind != NodeTransportKind.Sqlite)
        {
            return null;
        }

        var file = Path.Combine(options.Sqlite.DataDirectory, EmbeddedFileName);
        EnsureFile(file);
        return settings with { Signing = settings.Signing with { Secret = new SecretSource(file, null) } };
    }

    private static bool IsAvailable(SecretSource source)
    {
        try
        {
            source.Read();
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
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
