using System.CommandLine;

namespace QueueActors.Host.Cli.Ctl;

/// <summary>How a <c>ctl</c> command gets its control client: from the configured transport, or a given one (the prompt, tests).</summary>
public delegate Task<CtlConnection> CtlConnector(ParseResult parse, CancellationToken cancellationToken);
