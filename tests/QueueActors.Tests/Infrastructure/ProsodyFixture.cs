using Xunit;

namespace QueueActors.Tests.Infrastructure;

/// <summary>
/// One Prosody server for the <see cref="ProsodyCollection"/>, with a sending and a receiving account. Tests
/// run one after another, so a test may stop and restart the server as long as it leaves it running.
/// </summary>
public sealed class ProsodyFixture : IAsyncLifetime
{
    public const string Sender = "sender";
    public const string SenderPassword = "sender-Pa55word";
    public const string Receiver = "receiver";
    public const string ReceiverPassword = "receiver-Pa55word";

    public ProsodyServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await ProsodyServer.StartNewAsync((Sender, SenderPassword), (Receiver, ReceiverPassword));

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
