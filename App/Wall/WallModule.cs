using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Security;
using Microsoft.AspNetCore.SignalR;
using Prepaid.App.Identity;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Live;
namespace Prepaid.App.Wall;

/// <summary>
/// <c>/hubs/meters</c> for clients outside the Blazor circuit (kiosk screens, integrations). Clients call
/// <c>GetSnapshot()</c> once, then receive <c>stateDelta(MeterSnapshot[])</c> at most twice a second.
/// </summary>
[RequirePermission(Permission.ViewLiveState)]
public sealed class MetersHub(LiveStateCache cache) : Hub
{
    public const string Path = "/hubs/meters";
    public const string DeltaMethod = "stateDelta";

    public async Task<IReadOnlyCollection<MeterSnapshot>> GetSnapshot() => await cache.AllAsync(Context.ConnectionAborted);
}

/// <summary>Forwards coalesced changes to every hub client; runs whether or not anyone is connected.</summary>
internal sealed class MetersHubBroadcaster(LiveStateNotifier notifier, LiveStateCache cache, IHubContext<MetersHub> hub) : IHostedService
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(async ids =>
        {
            var snapshots = new List<MeterSnapshot>(ids.Count);
            foreach (var id in ids)
            {
                if (await cache.GetAsync(id, CancellationToken.None) is { } snapshot)
                {
                    snapshots.Add(snapshot);
                }
            }

            await hub.Clients.All.SendAsync(MetersHub.DeltaMethod, snapshots);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        return Task.CompletedTask;
    }
}

/// <summary>The control-room wall and the live hub for kiosk screens and integrations.</summary>
public sealed class WallModule : IFeatureModule
{
    public void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddSignalR();
        services.AddHostedService<MetersHubBroadcaster>();
    }

    public void MapEndpoints(IEndpointRouteBuilder endpoints) => endpoints.MapHub<MetersHub>(MetersHub.Path);
}
