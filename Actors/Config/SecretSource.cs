namespace QueueActors.Actors.Config;

/// <summary>
/// Where a secret is read from: a file (its content, one trailing newline trimmed) when <see cref="File"/> is set,
/// otherwise the environment variable <see cref="EnvironmentVariable"/>. Never the command line or a config value:
/// those end up in process listings, shell histories and logs. Errors name the file or variable, never the content.
/// </summary>
public sealed record SecretSource(string? File, string? EnvironmentVariable)
{
    /// <summary>Reads the secret.</summary>
    /// <param name="environment">Where variables are looked up; the process environment by default.</param>
    /// <exception cref="InvalidOperationException">Neither source holds a non-empty secret.</exception>
    public Secret Read(Func<string, string?>? environment = null)
    {
        if (!string.IsNullOrWhiteSpace(File))
        {
            string text;
            try
            {
                text = System.IO.File.ReadAllText(File);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new InvalidOperationException($"Cannot read the secret file {File}: {ex.GetType().Name}.", ex);
            }

            text = text.TrimEnd('\r', '\n');
            return text.Length > 0 ? new Secret(text) : throw new InvalidOperationException($"The secret file {File} is empty.");
        }

        if (string.IsNullOrWhiteSpace(EnvironmentVariable))
        {
            throw new InvalidOperationException("No secret source is configured: set a secret file or an environment variable name.");
        }

        var fromEnvironment = (environment ?? Environment.GetEnvironmentVariable)(EnvironmentVariable);
        return string.IsNullOrEmpty(fromEnvironment)
            ? throw new InvalidOperationException($"The environment variable {EnvironmentVariable} that should hold the secret is not set (or empty).")
            : new Secret(fromEnvironment);
    }
}
