using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Meters.KeepPower;

/// <summary>
/// The live demo mall (simulator and pollers) with chosen settings, on a <see cref="FakeTimeProvider"/> that moves with
/// real time (<see cref="RealTimePump"/>) so the host keeps running, and that a test jumps forward to make keep power
/// fall due.
/// </summary>
internal sealed class KeepPowerHost : IAsyncDisposable
{
    private readonly LiveAppFactory _root = new();
    private readonly RealTimePump _pump;

    private KeepPowerHost(FakeTimeProvider clock, IReadOnlyDictionary<string, string> settings, Action<IServiceCollection>? services)
    {
        Clock = clock;
        _pump = RealTimePump.Start(clock);
        Factory = _root.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings)
            {
                b.UseSetting(key, value);
            }

            b.ConfigureTestServices(s =>
            {
                s.AddSingleton<TimeProvider>(clock);
                services?.Invoke(s);
            });
        });
    }

    public FakeTimeProvider Clock { get; }

    public WebApplicationFactory<Program> Factory { get; }

    public MallSimulator Simulator { get; private set; } = default!;

    public IServiceProvider Services => Factory.Services;

    /// <param name="expiryLoop">Run the background expiry loop (every second) instead of driving it by hand.</param>
    /// <param name="services">Replacements of registered services.</param>
    public static async Task<KeepPowerHost> StartAsync(bool expiryLoop = false, Action<IServiceCollection>? services = null)
    {
        var host = new KeepPowerHost(new FakeTimeProvider(TimeProvider.System.GetUtcNow()), new Dictionary<string, string>
        {
            ["KeepPower:ExpiryEnabled"] = expiryLoop ? "true" : "false",
            ["KeepPower:ExpiryCheckInterval"] = "00:00:01",
            ["MeterBatches:BusGap"] = "00:00:00.050",
        }, services);
        (_, host.Simulator) = await LiveAppFactory.StartLiveAsync(host.Factory);
        return host;
    }

    public async Task<PrepaidDb> DbAsync() => await Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();

    /// <summary>A single-phase shop meter that bills by itself, in credit (so releasing closes it).</summary>
    public async Task<int> ShopMeterAsync(int skip = 0)
    {
        await using var db = await DbAsync();
        var funded = await db.LedgerEntries.GroupBy(e => e.AccountId).Where(g => g.Sum(e => e.Amount) > 1000m).Select(g => g.Key).ToListAsync();
        return await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidSinglePhase && m.AccountId != null && funded.Contains(m.AccountId.Value))
            .OrderBy(m => m.Id).Skip(skip).Select(m => m.Id).FirstAsync();
    }

    public SimulatedElectricityMeter Meter(int meterId) => (SimulatedElectricityMeter)Simulator.Meter(meterId.ToString(CultureInfo.InvariantCulture));

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await _root.DisposeAsync();
        await _pump.DisposeAsync();
    }
}
