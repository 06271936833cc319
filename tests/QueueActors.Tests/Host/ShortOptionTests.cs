using System.CommandLine;
using QueueActors.Host.Cli;
using QueueActors.Host.Cli.Ctl;
using Xunit;

namespace QueueActors.Tests.Host;

/// <summary>A short option means one thing on every verb: <c>-c</c> is <c>--config</c>, in <c>site add/update</c> too.</summary>
public sealed class ShortOptionTests
{
    [Theory]
    [InlineData("add")]
    [InlineData("update")]
    public async Task Dash_c_in_site_add_and_update_is_the_config_file(string verb)
    {
        var common = new CommonOptions();
        var root = new RootCommand("test");
        root.Options.Add(common.Config);
        FileInfo? config = null;
        root.Subcommands.Add(CtlCommand.Create(common, (parse, _) =>
        {
            config = parse.GetValue(common.Config);
            return Task.FromResult(CtlConnection.Failed(ExitCodes.Unavailable));
        }));
        var error = new StringWriter();

        var code = await root.Parse(["ctl", "site", verb, "acme.example", "-c", "app.conf", "--concurrency", "email=2"])
            .InvokeAsync(new InvocationConfiguration { Output = new StringWriter(), Error = error });

        Assert.True(code == ExitCodes.Unavailable, error.ToString()); // it got as far as connecting, with the file as --config
        Assert.Equal("app.conf", config?.Name);
    }
}
