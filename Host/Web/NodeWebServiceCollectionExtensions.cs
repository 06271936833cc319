using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace QueueActors.Host.Web;

/// <summary>Registers the node's HTTP listener (<see cref="NodeWebServer"/>) in the node's host.</summary>
public static class NodeWebServiceCollectionExtensions
{
    public static IServiceCollection AddNodeWeb(this IServiceCollection services, HttpSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton<NodeWebServer>();
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<NodeWebServer>());
        return services;
    }
}
