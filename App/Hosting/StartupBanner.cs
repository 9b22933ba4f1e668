using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Prepaid.App.Hosting;

/// <summary>Prints the addresses to open once the server listens, so a newcomer knows where to go.</summary>
internal sealed class StartupBanner(IServer server, IHostApplicationLifetime lifetime, ILogger<StartupBanner> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            foreach (var address in addresses)
            {
                logger.LogInformation("Prepaid is ready. Open {Url} in a browser.", address.Replace("://[::]", "://localhost").Replace("://0.0.0.0", "://localhost"));
            }
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class StartupBannerExtensions
{
    public static IServiceCollection AddStartupBanner(this IServiceCollection services) =>
        services.AddHostedService<StartupBanner>();
}
