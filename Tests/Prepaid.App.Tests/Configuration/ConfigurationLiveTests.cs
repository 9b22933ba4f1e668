using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Configuration;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;

namespace Prepaid.App.Tests.Configuration;

/// <summary>A change made through the configuration service reaches the running pollers without a restart.</summary>
public sealed class ConfigurationLiveTests
{
    [Fact]
    public async Task SaveMeterAsync_AddressChangedWhileAcquisitionRuns_PollerUsesTheNewAddressWithinSeconds()
    {
        await using var live = new LiveAppFactory();
        // The periodic comparison is far away: only the change signal can explain a quick reload.
        await using var factory = live.WithWebHostBuilder(b => b.UseSetting("Acquisition:ConfigurationRefresh", "00:30:00"));
        var (acquisition, _) = await LiveAppFactory.StartLiveAsync(factory);
        var service = factory.Services.GetRequiredService<ConfigurationService>();
        var dbFactory = factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>();
        Domain.Model.Meter meter;
        await using (var db = await dbFactory.CreateDbContextAsync())
        {
            meter = await db.Meters.OrderBy(m => m.Id).FirstAsync(m => m.Role == Domain.Model.MeterRole.PublicArea);
        }

        var id = meter.Id;
        Assert.Equal(meter.UnitId, acquisition.Engine!.GetSnapshot().Meters.Single(m => m.Id == id).UnitId);
        var edit = MeterEdit.From(meter);
        edit.UnitId = 200;

        await service.SaveMeterAsync(ConfigurationTestKit.Admin, edit, null);

        await Eventually.HoldsAsync(() => acquisition.Engine!.GetSnapshot().Meters.SingleOrDefault(m => m.Id == id)?.UnitId == 200,
            "the poller to use the new address (at most 10 s after the change)", TimeSpan.FromSeconds(10));
    }

}
