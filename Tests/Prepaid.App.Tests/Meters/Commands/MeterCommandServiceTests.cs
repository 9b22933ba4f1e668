using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Meters.Commands;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Identity;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Meters.Commands;

public sealed class MeterCommandServiceTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal Electrician = AccessMatrixTests.Principal("electrician", Roles.DutyElectrician);

    private static async Task<int> ShopMeterInCreditAsync(LiveAppFactory factory)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        // A shop whose meter holds money, so that releasing the forced trip closes the relay again.
        var funded = await db.LedgerEntries.GroupBy(e => e.AccountId).Where(g => g.Sum(e => e.Amount) > 1000m).Select(g => g.Key).ToListAsync();
        return await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidSinglePhase && m.AccountId != null && funded.Contains(m.AccountId.Value))
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
    }

    private static async Task<List<MeterCommand>> JournalAsync(LiveAppFactory factory, int meterId)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        return await db.MeterCommands.Where(c => c.MeterId == meterId).OrderBy(c => c.Id).ToListAsync();
    }

    [Fact]
    public async Task TripThenClose_DutyElectrician_AreConfirmedByReadBackJournaledAndAudited()
    {
        await using var factory = new LiveAppFactory();
        var (_, simulator) = await factory.StartLiveAsync();
        var service = factory.Services.GetRequiredService<MeterCommandService>();
        var meterId = await ShopMeterInCreditAsync(factory);

        var trip = await service.ExecuteAsync(Electrician, meterId, MeterCommandKind.Trip, "Smoke reported in the shop", "10.1.2.3", CancellationToken.None);
        var relayAfterTrip = ((SimulatedElectricityMeter)simulator.Meter(meterId.ToString(CultureInfo.InvariantCulture))).RelayClosed;
        var close = await service.ExecuteAsync(Electrician, meterId, MeterCommandKind.Close, "Checked, all clear", "10.1.2.3", CancellationToken.None);

        Assert.Equal(MeterCommandState.Confirmed, trip.State);
        Assert.False(relayAfterTrip);
        Assert.Equal(MeterCommandState.Confirmed, close.State);
        Assert.True(((SimulatedElectricityMeter)simulator.Meter(meterId.ToString(CultureInfo.InvariantCulture))).RelayClosed);
        var journal = await JournalAsync(factory, meterId);
        Assert.Equal([MeterCommandKind.Trip, MeterCommandKind.Close], journal.Select(c => c.Kind));
        Assert.All(journal, c => Assert.Equal(("electrician", MeterCommandState.Confirmed), (c.RequestedBy, c.State)));
        Assert.Equal("Smoke reported in the shop", journal[0].Reason);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var audit = await db.AuditEntries.Where(a => a.Kind == AuditKind.ControlCommand).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["meter.trip", "meter.close"], audit.Select(a => a.Action));
        Assert.All(audit, a => Assert.Equal(("electrician", "10.1.2.3", $"meter:{meterId}"), (a.UserName, a.Address, a.Target)));
    }

    [Fact]
    public async Task Execute_WithoutPermissionOrWithBadInput_IsRefusedAndJournalsNothing()
    {
        await using var factory = new LiveAppFactory();
        await factory.StartLiveAsync();
        var service = factory.Services.GetRequiredService<MeterCommandService>();
        var meterId = await ShopMeterInCreditAsync(factory);
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var water = await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidWater).Select(m => m.Id).FirstAsync();
        var incomer = await db.Meters.Where(m => m.Role == MeterRole.MainIncomer).Select(m => m.Id).FirstAsync();

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            service.ExecuteAsync(AccessMatrixTests.Principal("cashier", Roles.Finance), meterId, MeterCommandKind.Trip, "x", null, CancellationToken.None));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            service.ExecuteAsync(Electrician, meterId, MeterCommandKind.KeepPower, "x", null, CancellationToken.None));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            service.ExecuteAsync(Electrician, meterId, MeterCommandKind.Release, "x", null, CancellationToken.None));
        async Task<string> Code(int meter, MeterCommandKind kind, string reason) =>
            (await Assert.ThrowsAsync<MeterCommandRefusedException>(() => service.ExecuteAsync(Electrician, meter, kind, reason, null, CancellationToken.None))).Code;
        Assert.Equal("reason", await Code(meterId, MeterCommandKind.Trip, "   "));
        Assert.Equal("profile", await Code(meterId, MeterCommandKind.CloseValve, "test"));
        Assert.Equal("profile", await Code(water, MeterCommandKind.Trip, "test"));
        Assert.Equal("profile", await Code(incomer, MeterCommandKind.Trip, "test"));
        Assert.Equal("meter", await Code(999_999, MeterCommandKind.Trip, "test"));
        Assert.Equal("kind", await Code(meterId, MeterCommandKind.DeliverPurchase, "test"));

        Assert.Equal(0, await db.MeterCommands.CountAsync());
    }

    [Fact]
    public async Task Trip_SilentMeter_FailsAfterItsRetriesAndIsJournaled()
    {
        await using var factory = new LiveAppFactory();
        var (_, simulator) = await factory.StartLiveAsync();
        var service = factory.Services.GetRequiredService<MeterCommandService>();
        var meterId = await ShopMeterInCreditAsync(factory);
        simulator.SetMeterFault(meterId.ToString(CultureInfo.InvariantCulture), new SimulatedFault(SimulatedFaultKind.Silent));

        var command = await service.ExecuteAsync(Electrician, meterId, MeterCommandKind.Trip, "Overload on the riser", null, CancellationToken.None);

        Assert.Equal(MeterCommandState.Failed, command.State);
        Assert.True(command.Attempts >= 2, $"attempts: {command.Attempts}");
        Assert.False(string.IsNullOrEmpty(command.Error));
        Assert.Equal(MeterCommandState.Failed, Assert.Single(await JournalAsync(factory, meterId)).State);
    }

    [Fact]
    public async Task ResumePending_CommandLeftSentByAStoppedProcess_IsRunAgainAndConfirmed()
    {
        await using var factory = new LiveAppFactory();
        var (acquisition, simulator) = await factory.StartLiveAsync();
        var meterId = await ShopMeterInCreditAsync(factory);
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync())
        {
            db.MeterCommands.Add(new MeterCommand
            {
                MeterId = meterId, Kind = MeterCommandKind.Trip, State = MeterCommandState.Sent, Attempts = 1,
                RequestedAt = DateTimeOffset.UtcNow, RequestedBy = "relay-policy", Reason = "Arrears",
            });
            await db.SaveChangesAsync();
        }

        var resumed = await factory.Services.GetRequiredService<MeterCommandRunner>().ResumePendingAsync(acquisition.Engine!, CancellationToken.None);

        Assert.Equal(1, resumed);
        var command = Assert.Single(await JournalAsync(factory, meterId));
        Assert.Equal((MeterCommandState.Confirmed, 2), (command.State, command.Attempts));
        Assert.False(((SimulatedElectricityMeter)simulator.Meter(meterId.ToString(CultureInfo.InvariantCulture))).RelayClosed);
    }

    [Fact]
    public async Task PushPricesAndPowerLimit_Administrator_AreConfirmedAndJournaledWithWhatWasPushed()
    {
        await using var factory = new LiveAppFactory();
        await factory.StartLiveAsync();
        var service = factory.Services.GetRequiredService<MeterCommandService>();
        var meterId = await ShopMeterInCreditAsync(factory);
        var admin = AccessMatrixTests.Principal("admin", Roles.Administrator);

        var prices = await service.ExecuteAsync(admin, meterId, MeterCommandKind.PushPrices, "2026 commercial TOU", null, CancellationToken.None);
        var limit = await service.ExecuteAsync(admin, meterId, MeterCommandKind.PushPowerLimit, "Lease amendment", null, CancellationToken.None);

        Assert.Equal(MeterCommandState.Confirmed, prices.State);
        Assert.Contains("1.38", prices.PayloadJson);
        Assert.Contains("\"AlarmAmount1\":100", prices.PayloadJson);
        Assert.Equal(MeterCommandState.Confirmed, limit.State);
        Assert.Contains("\"Enabled\":true", limit.PayloadJson);
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            service.ExecuteAsync(Electrician, meterId, MeterCommandKind.PushPrices, "x", null, CancellationToken.None));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            service.ExecuteAsync(AccessMatrixTests.Principal("m", Roles.Manager), meterId, MeterCommandKind.PushPowerLimit, "x", null, CancellationToken.None));
    }

    [Fact]
    public async Task PushPrices_PlatformBilledMeter_IsRefusedBecauseItHoldsNoPrices()
    {
        await using var factory = new LiveAppFactory();
        await factory.StartLiveAsync();
        var service = factory.Services.GetRequiredService<MeterCommandService>();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var platform = await db.Meters.Where(m => m.Role == MeterRole.Tenant && m.BillingMode == BillingMode.Platform).Select(m => m.Id).FirstAsync();

        var error = await Assert.ThrowsAsync<MeterCommandRefusedException>(() =>
            service.ExecuteAsync(AccessMatrixTests.Principal("admin", Roles.Administrator), platform, MeterCommandKind.PushPrices, "x", null, CancellationToken.None));

        Assert.Equal("profile", error.Code);
    }
}
