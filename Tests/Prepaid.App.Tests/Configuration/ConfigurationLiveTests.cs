using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Configuration;
using Prepaid.App.Persistence;
using Prepaid.App.Readings;
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
        var acquisition = await StartAsync(factory);
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

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (acquisition.Engine!.GetSnapshot().Meters.SingleOrDefault(m => m.Id == id)?.UnitId != 200)
        {
            Assert.True(DateTime.UtcNow < deadline, "The poller still has the old address 10 s after the change.");
            await Task.Delay(100);
        }
    }

    private static async Task<AcquisitionHostedService> StartAsync(Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> factory)
    {
        using var _ = factory.CreateClient();
        var acquisition = factory.Services.GetRequiredService<AcquisitionHostedService>();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (acquisition.Engine is not { } engine || engine.GetSnapshot().Gateways.Count == 0)
        {
            Assert.True(DateTime.UtcNow < deadline, "The acquisition engine did not start its buses.");
            await Task.Delay(100);
        }

        return acquisition;
    }
}
