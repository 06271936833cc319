using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using QueueActors.Actors.Messaging;
using QueueActors.Actors.Config;
using QueueActors.Actors.Processing;
using QueueActors.Processors.Email;
using QueueActors.Processors.ErrorReports;
using QueueActors.Processors.FanOut;
using QueueActors.Processors.UserActivity;
using QueueActors.Processors.Webhook;

namespace QueueActors.Processors;

/// <summary>Registers the reference processors beside <c>AddQueueActors</c>: one call each, on its default queue or another.</summary>
public static class ProcessorsServiceCollectionExtensions
{
    /// <summary>The email processor with <c>queueactors.processors.email</c> from <paramref name="config"/>.</summary>
    public static IServiceCollection AddEmailProcessor(this IServiceCollection services, HoconConfig config, string? queue = null) =>
        services.AddEmailProcessor(SmtpSettings.FromConfig(config), queue);

    /// <summary>The email processor (<see cref="EmailHandler"/> on <c>email</c>, or <paramref name="queue"/>).</summary>
    public static IServiceCollection AddEmailProcessor(this IServiceCollection services, SmtpSettings settings, string? queue = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(settings);
        services.TryAddSingleton<SmtpEmailSender>();
        return services.AddQueueHandler<EmailHandler>(queue);
    }

    /// <summary>The webhook processor with <c>queueactors.processors.webhook</c> from <paramref name="config"/>.</summary>
    public static IServiceCollection AddWebhookProcessor(this IServiceCollection services, HoconConfig config, string? queue = null) =>
        services.AddWebhookProcessor(WebhookSettings.FromConfig(config), queue);

    /// <summary>The webhook processor (<see cref="WebhookHandler"/> on <c>webhook</c>, or <paramref name="queue"/>).</summary>
    public static IServiceCollection AddWebhookProcessor(this IServiceCollection services, WebhookSettings settings, string? queue = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(settings);
        services.TryAddSingleton(sp => new WebhookSender(sp.GetRequiredService<WebhookSettings>(), sp.GetService<TimeProvider>()));
        return services.AddQueueHandler<WebhookHandler>(queue);
    }

    /// <summary>The user-activity processor with <c>queueactors.processors.user-activity</c> from <paramref name="config"/>.</summary>
    public static IServiceCollection AddUserActivityProcessor(this IServiceCollection services, HoconConfig config, string? queue = null) =>
        services.AddUserActivityProcessor(UserActivitySettings.FromConfig(config), queue);

    /// <summary>The user-activity processor (<see cref="UserActivityHandler"/> on <c>user_activity</c>, or <paramref name="queue"/>).</summary>
    public static IServiceCollection AddUserActivityProcessor(this IServiceCollection services, UserActivitySettings settings, string? queue = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        services.TryAddSingleton(settings);
        services.TryAddSingleton<UserActivityStore>();
        return services.AddQueueHandler<UserActivityHandler>(queue);
    }

    /// <summary>
    /// The error-reports processor with <c>queueactors.processors.error-reports</c> and, for sending,
    /// <c>queueactors.processors.email</c> from <paramref name="config"/>.
    /// </summary>
    public static IServiceCollection AddErrorReportProcessor(this IServiceCollection services, HoconConfig config, string? queue = null) =>
        services.AddErrorReportProcessor(ErrorReportSettings.FromConfig(config), SmtpSettings.FromConfig(config), queue);

    /// <summary>The error-reports processor (<see cref="ErrorReportHandler"/> on <c>error_reports</c>, or <paramref name="queue"/>).</summary>
    public static IServiceCollection AddErrorReportProcessor(this IServiceCollection services, ErrorReportSettings settings, SmtpSettings smtp, string? queue = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(smtp);
        services.TryAddSingleton(settings);
        services.TryAddSingleton(smtp);
        services.TryAddSingleton<SmtpEmailSender>();
        return services.AddQueueHandler<ErrorReportHandler>(queue);
    }

    /// <summary>
    /// A fan-out handler (a <see cref="FanOutHandler{TEvent, TTarget}"/>) on its <see cref="QueueAttribute"/>'s queue or
    /// <paramref name="queue"/>, with the <see cref="FanOutPublisher"/> it publishes through. Register the stage-2 handler
    /// of its target queue as any handler.
    /// </summary>
    public static IServiceCollection AddFanOutHandler<THandler>(this IServiceCollection services, string? queue = null)
        where THandler : class
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(sp => new FanOutPublisher(
            sp.GetRequiredService<IEventPublisher>(),
            sp.GetService<ILoggerFactory>()?.CreateLogger<FanOutPublisher>()));
        return services.AddQueueHandler<THandler>(queue);
    }
}
