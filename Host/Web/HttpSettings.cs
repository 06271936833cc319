using System.Net;
using QueueActors.Actors.Config;

namespace QueueActors.Host.Web;

/// <summary>
/// The node's HTTP listener (<c>queueactors.http</c>): <c>/metrics</c>, and the status page on seeds and the embedded node.
/// </summary>
/// <param name="Enabled">on / off; null for <c>auto</c>: on for cluster nodes (run, queueactors-seed, demo), off for <c>process-queue</c>.</param>
/// <param name="Hostname">The address to bind.</param>
/// <param name="Port">The port to bind; 0 takes any free one (the node logs the URL).</param>
public sealed record HttpSettings(bool? Enabled, string Hostname, int Port)
{
    public const string Section = "queueactors.http";

    /// <summary>The shortest token accepted: guessing it must not be practical.</summary>
    public const int MinimumTokenLength = 16;

    /// <summary>
    /// What every request must show (<c>token</c> or <c>token-file</c>); null: none asked. A bind other than loopback
    /// requires one. Never logged: <see cref="ToString"/> leaves it out.
    /// </summary>
    public string? Token { get; init; }

    /// <summary>Whether a node runs the listener; <paramref name="oneQueue"/>: the node is <c>process-queue</c>.</summary>
    public bool RunsOn(bool oneQueue) => Enabled ?? !oneQueue;

    /// <summary>Whether the hostname is a loopback address (or <c>localhost</c>): only this machine reaches it.</summary>
    public static bool IsLoopback(string hostname) =>
        string.Equals(hostname, "localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(hostname, out var address) && IPAddress.IsLoopback(address));

    /// <exception cref="HoconException">A value breaks its rule, the token file cannot be read, or a bind other than loopback has no token.</exception>
    public static HttpSettings FromConfig(HoconConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var section = config.GetConfig(Section);
        bool? enabled = section.GetString("enabled") is "auto" ? null : section.GetBool("enabled");
        var (hostname, port) = Node.ListenAddress.Read(section);
        var token = ReadToken(section);
        if (token is null && !IsLoopback(hostname) && enabled != false)
        {
            throw section.ErrorAt("token", $"hostname {hostname} is not loopback: anyone on the network could use the status page, so set {Section}.token or {Section}.token-file (at least {MinimumTokenLength} characters), or bind 127.0.0.1");
        }

        return new HttpSettings(enabled, hostname, port) { Token = token };
    }

    public override string ToString() => $"HttpSettings {{ Enabled = {Enabled}, Hostname = {Hostname}, Port = {Port}, Token = {(Token is null ? "none" : "set")} }}";

    private static string? ReadToken(HoconConfig section)
    {
        string? token = null;
        var key = "token";
        if (section.HasPath("token"))
        {
            token = section.GetString("token");
        }
        else if (section.HasPath("token-file"))
        {
            key = "token-file";
            var file = section.GetString("token-file");
            try
            {
                token = File.ReadAllText(file).Trim();
            }
            catch (Exception error) when (error is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
            {
                throw section.ErrorAt(key, $"cannot read the token file {file}: {error.Message}");
            }
        }

        if (token is not null && token.Length < MinimumTokenLength)
        {
            throw section.ErrorAt(key, $"the token must have at least {MinimumTokenLength} characters"); // its value stays out of the message
        }

        return token;
    }
}
