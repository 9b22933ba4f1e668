using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Meters.Commands;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Meters.KeepPower;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Identity;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Meters.KeepPower;

public sealed class KeepPowerServiceTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal Manager = AccessMatrixTests.Principal("manager", Roles.Manager);

    [Fact]
    public async Task Grant_Manager_RecordsThePeriodSendsKeepPowerConfirmedByReadBackAndAudits()
    {
        await using var host = await KeepPowerHost.StartAsync();
        var service = host.Services.GetRequiredService<KeepPowerService>();
        var meterId = await host.ShopMeterAsync();
        var expires = host.Clock.GetUtcNow().AddHours(6);

        var outcome = await service.GrantAsync(Manager, meterId, expires, "Cold store full of stock", "10.0.0.7", CancellationToken.None);

        Assert.Equal(MeterCommandState.Confirmed, outcome.Command.State);
        Assert.Equal(ForcedControl.KeepPower, host.Meter(meterId).Model.Forced);
        await using var db = await host.DbAsync();
        var period = await db.KeepPowerPeriods.SingleAsync();
        Assert.Equal((meterId, "manager", "Cold store full of stock", expires, (DateTimeOffset?)null), (period.MeterId, period.GrantedBy, period.Reason, period.ExpiresAt, period.EndedAt));
        Assert.True(period.IsActiveAt(host.Clock.GetUtcNow()));
        var command = await db.MeterCommands.SingleAsync();
        Assert.Equal((MeterCommandKind.KeepPower, "manager", "Cold store full of stock"), (command.Kind, command.RequestedBy, command.Reason));
        Assert.Equal(["meter.keeppower", "keeppower.grant"], await db.AuditEntries.Where(a => a.Kind == AuditKind.ControlCommand).OrderBy(a => a.Id).Select(a => a.Action).ToListAsync());
        Assert.Equal(period.Id, (await service.ActiveAsync(meterId, CancellationToken.None))!.Id);
    }

    [Fact]
    public async Task GrantAgain_WhileOneRuns_EndsTheFirstSoOnlyOneIsActive()
    {
        await using var host = await KeepPowerHost.StartAsync();
        var service = host.Services.GetRequiredService<KeepPowerService>();
        var meterId = await host.ShopMeterAsync();

        var first = await service.GrantAsync(Manager, meterId, host.Clock.GetUtcNow().AddHours(2), "Event tonight", null, CancellationToken.None);
        var second = await service.GrantAsync(Manager, meterId, host.Clock.GetUtcNow().AddDays(2), "Event extended", null, CancellationToken.None);

        await using var db = await host.DbAsync();
        var periods = await db.KeepPowerPeriods.OrderBy(p => p.Id).ToListAsync();
        Assert.Equal(2, periods.Count);
        Assert.NotNull(periods[0].EndedAt);
        Assert.Equal("manager", periods[0].EndedBy);
        Assert.Null(periods[1].EndedAt);
        Assert.Equal(second.Period!.Id, periods[1].Id);
        Assert.NotEqual(first.Period!.Id, second.Period.Id);
    }

    [Fact]
    public async Task Release_ActivePeriod_EndsItNowAndReturnsTheMeterToPrepaidControl()
    {
        await using var host = await KeepPowerHost.StartAsync();
        var service = host.Services.GetRequiredService<KeepPowerService>();
        var meterId = await host.ShopMeterAsync();
        await service.GrantAsync(Manager, meterId, host.Clock.GetUtcNow().AddDays(1), "Inspection", null, CancellationToken.None);

        var outcome = await service.ReleaseAsync(Manager, meterId, "Inspection finished", null, CancellationToken.None);

        Assert.Equal(MeterCommandState.Confirmed, outcome.Command.State);
        Assert.Equal(MeterCommandKind.Release, outcome.Command.Kind);
        Assert.Equal(ForcedControl.None, host.Meter(meterId).Model.Forced);
        await using var db = await host.DbAsync();
        var period = await db.KeepPowerPeriods.SingleAsync();
        Assert.Equal("manager", period.EndedBy);
        Assert.False(period.IsActiveAt(host.Clock.GetUtcNow()));
        Assert.Null(await service.ActiveAsync(meterId, CancellationToken.None));
        Assert.Contains("keeppower.release", await db.AuditEntries.Select(a => a.Action).ToListAsync());
    }

    [Fact]
    public async Task ProcessExpiries_PastTheExpiry_ReleasesAsTheExpiryJobOnceAndOnlyThen()
    {
        await using var host = await KeepPowerHost.StartAsync();
        var service = host.Services.GetRequiredService<KeepPowerService>();
        var meterId = await host.ShopMeterAsync();
        var other = await host.ShopMeterAsync(skip: 1);
        await service.GrantAsync(Manager, meterId, host.Clock.GetUtcNow().AddHours(4), "Refrigeration", null, CancellationToken.None);
        await service.GrantAsync(Manager, other, host.Clock.GetUtcNow().AddHours(8), "Longer one", null, CancellationToken.None);

        host.Clock.Advance(TimeSpan.FromHours(3));
        var early = await service.ProcessExpiriesAsync(CancellationToken.None);
        host.Clock.Advance(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));
        var due = await service.ProcessExpiriesAsync(CancellationToken.None);
        var again = await service.ProcessExpiriesAsync(CancellationToken.None);

        Assert.Equal((0, 1, 0), (early, due, again));
        Assert.Equal(ForcedControl.None, host.Meter(meterId).Model.Forced);
        Assert.Equal(ForcedControl.KeepPower, host.Meter(other).Model.Forced);
        await using var db = await host.DbAsync();
        var period = await db.KeepPowerPeriods.SingleAsync(p => p.MeterId == meterId);
        Assert.Equal(KeepPowerService.ExpiryActor, period.EndedBy);
        Assert.Null((await db.KeepPowerPeriods.SingleAsync(p => p.MeterId == other)).EndedAt);
        var release = await db.MeterCommands.SingleAsync(c => c.MeterId == meterId && c.Kind == MeterCommandKind.Release);
        Assert.Equal((KeepPowerService.ExpiryActor, MeterCommandState.Confirmed), (release.RequestedBy, release.State));
        Assert.Contains("Refrigeration", release.Reason);
    }

    [Fact]
    public async Task ExpiryLoop_PeriodThatExpiredWhileTheServerWasDown_IsProcessedFromTheTable()
    {
        await using var host = await KeepPowerHost.StartAsync(expiryLoop: true);
        var meterId = await host.ShopMeterAsync();
        var now = host.Clock.GetUtcNow();
        await using (var db = await host.DbAsync())
        {
            // Granted yesterday for a few hours; the server was stopped when it expired.
            db.KeepPowerPeriods.Add(new KeepPowerPeriod
            {
                MeterId = meterId, GrantedBy = "manager", Reason = "Night works", GrantedAt = now.AddDays(-1), ExpiresAt = now.AddHours(-20),
            });
            await db.SaveChangesAsync();
        }

        var period = await Eventually.ValueAsync(async () =>
        {
            await using var db = await host.DbAsync();
            return await db.KeepPowerPeriods.SingleAsync();
        }, p => p.EndedAt is not null, "the expiry loop to end the period", TimeSpan.FromSeconds(20));

        Assert.Equal(KeepPowerService.ExpiryActor, period.EndedBy);
        await using var check = await host.DbAsync();
        var release = await check.MeterCommands.SingleAsync(c => c.Kind == MeterCommandKind.Release);
        Assert.Equal((meterId, KeepPowerService.ExpiryActor), (release.MeterId, release.RequestedBy));
    }

    [Fact]
    public async Task Grant_WithoutPermissionOrWithBadInput_IsRefusedAndChangesNothing()
    {
        await using var factory = new PrepaidAppFactory();
        using var _ = factory.CreateClient();
        var service = factory.Services.GetRequiredService<KeepPowerService>();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var meterId = await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidSinglePhase).Select(m => m.Id).FirstAsync();
        var water = await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidWater).Select(m => m.Id).FirstAsync();
        var now = DateTimeOffset.UtcNow;
        async Task<string> Code(int meter, DateTimeOffset expires, string reason) =>
            (await Assert.ThrowsAsync<MeterCommandRefusedException>(() => service.GrantAsync(Manager, meter, expires, reason, null, CancellationToken.None))).Code;

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            service.GrantAsync(AccessMatrixTests.Principal("electrician", Roles.DutyElectrician), meterId, now.AddHours(1), "x", null, CancellationToken.None));
        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            service.ReleaseAsync(AccessMatrixTests.Principal("electrician", Roles.DutyElectrician), meterId, "x", null, CancellationToken.None));
        Assert.Equal("reason", await Code(meterId, now.AddHours(1), "  "));
        Assert.Equal("expiry-past", await Code(meterId, now.AddMinutes(-1), "Party"));
        Assert.Equal("expiry-too-far", await Code(meterId, now.AddDays(40), "Party"));
        Assert.Equal("profile", await Code(water, now.AddHours(1), "Party"));
        Assert.Equal("meter", await Code(999_999, now.AddHours(1), "Party"));
        var bare = await Assert.ThrowsAsync<MeterCommandRefusedException>(() =>
            factory.Services.GetRequiredService<MeterCommandService>().ExecuteAsync(Manager, meterId, MeterCommandKind.KeepPower, "Party", null, CancellationToken.None));
        Assert.Equal("kind", bare.Code);

        Assert.Equal(0, await db.KeepPowerPeriods.CountAsync());
        Assert.Equal(0, await db.MeterCommands.CountAsync());
    }
}
