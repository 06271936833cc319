using Microsoft.Extensions.DependencyInjection;
using QueueActors.Actors.Processing;
using Xunit;

namespace QueueActors.Tests.Processing;

public sealed class HandlerRegistrationTests
{
    [Fact]
    public void An_assembly_scan_registers_every_class_with_a_queue_attribute()
    {
        var services = new ServiceCollection().AddQueueHandlers(typeof(ScriptedHandler).Assembly);

        var registrations = services.Where(d => d.ServiceType == typeof(QueueHandlerRegistration)).Select(d => (QueueHandlerRegistration)d.ImplementationInstance!).ToList();

        Assert.Contains(registrations, r => r.HandlerType == typeof(ScriptedHandler) && r.Queue == "work" && !r.IsBatch && r.EventType == typeof(TestEvent));
        Assert.Contains(registrations, r => r.HandlerType == typeof(ScriptedBatchHandler) && r.Queue == "batch" && r.IsBatch);
        Assert.Contains(services, d => d.ServiceType == typeof(ScriptedHandler));
    }

    [Fact]
    public void A_handler_without_a_queue_attribute_is_refused_with_its_name()
    {
        var error = Assert.Throws<ArgumentException>(() => QueueHandlerRegistration.For(typeof(NoAttributeHandler)));

        Assert.Contains(nameof(NoAttributeHandler), error.Message);
    }

    [Fact]
    public void Two_handlers_for_one_queue_are_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => new ProcessingService(
            new Actors.Transport.InMemory.InMemoryTransport(),
            new Actors.Messaging.QueueTopology(Actors.Messaging.MessagingSettings.FromConfig(Actors.Config.ConfigLoader.Reference)),
            ProcessingSettings.FromConfig(Actors.Config.ConfigLoader.Reference),
            [QueueHandlerRegistration.For(typeof(ScriptedHandler)), QueueHandlerRegistration.For(typeof(OtherWorkHandler))],
            new ServiceCollection().BuildServiceProvider()));

        Assert.Contains("two handlers", error.Message, StringComparison.Ordinal);
    }

    private sealed class NoAttributeHandler : IQueueHandler<TestEvent>
    {
        public ValueTask HandleAsync(TestEvent @event, HandlerContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    [Queue("work")]
    private sealed class OtherWorkHandler : IQueueHandler<TestEvent>
    {
        public ValueTask HandleAsync(TestEvent @event, HandlerContext context, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }
}
