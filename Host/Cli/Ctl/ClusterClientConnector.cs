using System.Collections.Immutable;
using Akka.Actor;
using Akka.Actor.Setup;
using Akka.Cluster.Tools.Client;
using Akka.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Cluster.Control;
using QueueActors.Actors.Cluster.Signing;
using QueueActors.Actors.Config;
using QueueActors.Host.Node;
using QueueActors.Host.Node.Tls;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>
/// Connects <c>ctl</c> to the cluster as Akka's ClusterClient, never as a member: a small actor system of its own
/// (remoting on a free loopback port) whose ClusterClient contacts the receptionist of a node
/// (<see cref="CtlContactPoints"/>) and publishes each signed request to the control topic; the nodes' replies come
/// back through the receptionist. It needs the cluster secret as nodes do, and no broker. Log lines go to stderr,
/// warnings and worse only unless <c>--verbose</c> (<see cref="CommandLogging"/>), so stdout stays the command's output.
/// </summary>
public static class ClusterClientConnector
{
    public static CtlConnector For(CommonOptions common) => async (parse, cancellationToken) =>
    {
        ArgumentNullException.ThrowIfNull(common);
        var (options, exitCode) = await common.LoadAsync(parse, null).ConfigureAwait(false);
        if (options is null)
        {
            return CtlConnection.Failed(exitCode);
        }

        if (await CommandBackends.RefuseAsync(options).ConfigureAwait(false) is { } refused)
        {
            return CtlConnection.Failed(refused); // no node made this data directory: its secret and contact point are not there either
        }

        ClusterSettings settings;
        CommandSigner signer;
        CommandVerifier verifier;
        IReadOnlyList<string> contacts;
        RemotingTls? tls;
        var logging = CommandLogging.Create(parse);
        try
        {
            settings = ClusterSecrets.Resolve(options, createEmbedded: false)
                ?? throw new InvalidOperationException("no cluster secret: set queueactors.cluster.signing.secret-file, or the environment variable queueactors.cluster.signing.secret-env names (as on the nodes)");
            signer = CommandSigner.FromSettings(settings.Signing);
            verifier = CommandVerifier.FromSettings(settings.Signing, logger: logging.CreateLogger("QueueActors.Ctl"));
            contacts = CtlContactPoints.Resolve(options, parse.GetValue(common.Seed), Environment.GetEnvironmentVariable);
            tls = RemotingTls.For(options); // the nodes accept only a client whose certificate the cluster's CA signed
        }
        catch (Exception error) when (error is HoconException or InvalidOperationException or ArgumentException)
        {
            logging.Dispose();
            await Console.Error.WriteLineAsync($"error: {(error is HoconException ? $"bad configuration: {error.Message}" : error.Message)}").ConfigureAwait(false);
            return CtlConnection.Failed(ExitCodes.BadConfig);
        }

        var system = StartSystem(options, tls, logging, CommandLogging.IsVerbose(parse));
        var initialContacts = contacts.Select(c => ActorPath.Parse((tls is null ? c : RemotingTls.SeedAddress(c)) + "/system/receptionist")).ToImmutableHashSet();
        var clusterClient = system.ActorOf(ClusterClient.Props(ClusterClientSettings.Create(system).WithInitialContacts(initialContacts)), "client");
        var route = new ActorControlRoute(system, clusterClient, envelope => new ClusterClient.Publish(settings.ControlChannel, envelope));
        var client = await ControlClient.ConnectAsync(route, settings, signer, verifier, logger: logging.CreateLogger("QueueActors.Ctl"), cancellationToken: cancellationToken).ConfigureAwait(false);
        return CtlConnection.Owned(client, logging, new Terminating(system));
    };

    /// <summary>
    /// A non-member actor system (provider remote) whose Akka log goes to the command's logging: errors only, unless
    /// verbose (remoting's warnings when the client closes its connections are no news to an operator).
    /// </summary>
    private static ActorSystem StartSystem(NodeOptions options, RemotingTls? tls, ILoggerFactory logging, bool verbose)
    {
        var config = Akka.Configuration.ConfigurationFactory.ParseString($$"""
            akka {
              actor.provider = remote
              remote.dot-netty.tcp { hostname = "{{options.Remoting.Hostname}}", port = 0 }
              loggers = ["{{typeof(AkkaLogForwarder).AssemblyQualifiedName}}"]
              stdout-loglevel = OFF
              loglevel = {{(verbose ? "INFO" : "ERROR")}}
              coordinated-shutdown.run-by-clr-shutdown-hook = off
              cluster.client.reconnect-timeout = off
            }
            """);
        var services = new ServiceCollection().AddSingleton(logging).BuildServiceProvider();
        var bootstrap = BootstrapSetup.Create().WithConfig(tls is null ? config : config.WithFallback(RemotingTls.EnableSslHocon));
        var setup = bootstrap.And(DependencyResolverSetup.Create(services));
        return ActorSystem.Create("queueactors-ctl", tls is null ? setup : setup.And(tls.SslSetup()));
    }

    /// <summary>Stops the client's actor system when the connection is disposed.</summary>
    private sealed class Terminating(ActorSystem system) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await system.Terminate().WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
    }
}
