using QueueActors.Actors.Config;
using Xunit;

namespace QueueActors.Tests.Cluster.Signing;

public sealed class SecretSourceTests : IDisposable
{
    private readonly string directory = Directory.CreateTempSubdirectory("qa-secret-").FullName;

    [Fact]
    public void Reads_the_file_when_one_is_configured_and_trims_the_trailing_newline()
    {
        var file = Path.Combine(directory, "secret");
        File.WriteAllText(file, "s3cret-from-file\n");

        var secret = new SecretSource(file, "UNUSED").Read(_ => "from-env");

        Assert.Equal("s3cret-from-file", secret.Reveal());
    }

    [Fact]
    public void Reads_the_environment_variable_when_no_file_is_configured()
    {
        var secret = new SecretSource("", "QA_SECRET").Read(name => name == "QA_SECRET" ? "s3cret-from-env" : null);

        Assert.Equal("s3cret-from-env", secret.Reveal());
    }

    [Fact]
    public void Errors_name_the_source_and_never_the_content()
    {
        var empty = Path.Combine(directory, "empty");
        File.WriteAllText(empty, "\n");

        var missingVariable = Assert.Throws<InvalidOperationException>(() => new SecretSource(null, "QA_SECRET").Read(_ => null));
        var missingFile = Assert.Throws<InvalidOperationException>(() => new SecretSource(Path.Combine(directory, "nope"), null).Read());
        var emptyFile = Assert.Throws<InvalidOperationException>(() => new SecretSource(empty, null).Read());

        Assert.Contains("QA_SECRET", missingVariable.Message);
        Assert.Contains("nope", missingFile.Message);
        Assert.Contains("is empty", emptyFile.Message);
    }

    [Fact]
    public void A_secret_never_prints_itself()
    {
        var secret = new Secret("hunter2-hunter2");

        Assert.Equal("[secret]", secret.ToString());
        Assert.DoesNotContain("hunter2", $"login with {secret}");
    }

    public void Dispose() => Directory.Delete(directory, recursive: true);
}
