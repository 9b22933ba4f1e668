using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Replacement;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Readings;
using Prepaid.App.Tests.Identity;
using Prepaid.App.Tests.Sharing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Tests.Replacement;

public sealed class MeterReplacementServiceTests
{
    private static readonly System.Security.Claims.ClaimsPrincipal Admin = AccessMatrixTests.Principal("admin", Roles.Administrator);

    private static MeterReading Reading(DateTimeOffset at, decimal total) => new()
    {
        Profile = MeterProfile.PrepaidSinglePhase,
        Quality = ValueQuality.Good,
        SourceTime = at,
        RemainingYuan = 88.5m,
        PurchaseCount = 4,
        RelayClosed = [true],
        Electrical = new ElectricalValues
        {
            VoltagesV = [220m], CurrentsA = [5m], ActivePowersKw = [1.1m], TotalActivePowerKw = 1.1m, TotalReactivePowerKvar = 0m, PowerFactors = [1m],
            TotalPowerFactor = 1m, PtRatio = 1, CtRatio = 1, TotalEnergyKwh = total, RegisterEnergyKwh = total, OverPowerTripCount = 0,
            EnergyByRateKwh = new Dictionary<TouRate, decimal> { [TouRate.Sharp] = 0m, [TouRate.Peak] = 0m, [TouRate.Flat] = total, [TouRate.Valley] = 0m },
        },
    };

    private static (MeterReplacementService Service, ReadingProcessor Processor) Services(SmallMall mall)
    {
        var processor = new ReadingProcessor(mall.Bed.Database, mall.Bed.Clock);
        return (new MeterReplacementService(mall.Bed.Database, processor, new AuditLog(mall.Bed.Database, mall.Bed.Clock), mall.Bed.Clock), processor);
    }

    /// <summary>M1 read at 100 kWh 20 minutes ago and at 101 kWh 10 minutes ago.</summary>
    private static async Task<(SmallMall Mall, MeterReplacementService Service, ReadingProcessor Processor)> ArrangeAsync()
    {
        var mall = await SmallMall.CreateAsync();
        var (service, processor) = Services(mall);
        var now = mall.Bed.Clock.GetUtcNow();
        await processor.ProcessAsync([new AcquiredReading(mall.M1, Reading(now.AddMinutes(-20), 100m))], default);
        await processor.ProcessAsync([new AcquiredReading(mall.M1, Reading(now.AddMinutes(-10), 101m))], default);
        return (mall, service, processor);
    }

    private static MeterReplacementRequest Request(SmallMall mall, decimal final = 101.5m, int unit = 20, decimal? remaining = 88.5m) =>
        new(mall.M1, final, "NEW-0001", unit, 0.3m, remaining, "Display failed");

    [Fact]
    public async Task ReplaceAsync_ThenANewReading_CountsOnlyRealConsumptionAndNeverTheSwap()
    {
        var (mall, service, processor) = await ArrangeAsync();
        await using var _ = mall.Bed;

        var replacement = await service.ReplaceAsync(Admin, Request(mall), "127.0.0.1", default);
        mall.Bed.Clock.Advance(TimeSpan.FromMinutes(10));
        await processor.ProcessAsync([new AcquiredReading(mall.M1, Reading(mall.Bed.Clock.GetUtcNow(), 0.8m))], default);

        await using var db = mall.Bed.Database.CreateDbContext();
        // 100 -> 101 (1 kWh), 101 -> final 101.5 on the old meter (0.5), new meter 0.3 -> 0.8 (0.5): 2 kWh, nothing for 101.5 -> 0.3.
        Assert.Equal(2m, await db.IntervalEnergies.Where(i => i.MeterId == mall.M1).SumAsync(i => i.Total));
        Assert.Equal(0.5m, replacement.FinalConsumption);
        Assert.False(await db.MeterEvents.AnyAsync(e => e.SourceId == mall.M1));
        Assert.False(await db.LedgerEntries.AnyAsync(e => e.Kind == LedgerEntryKind.EnergyCharge));
        var meter = await db.Meters.SingleAsync(m => m.Id == mall.M1);
        Assert.Equal(("NEW-0001", 20), (meter.SerialNumber, meter.UnitId));
        Assert.Equal(0.8m, (await db.MeterLiveStates.SingleAsync(s => s.MeterId == mall.M1)).EnergyKwh);
        var stored = await db.MeterReplacements.SingleAsync();
        Assert.Equal(("SN005", 5, 101.5m, 0.3m, (decimal?)88.5m), (stored.OldSerialNumber, stored.OldUnitId, stored.OldFinalReading, stored.NewInitialReading, stored.CarriedBalance));
        var audit = await db.AuditEntries.SingleAsync();
        Assert.Equal(("meter.replace", "admin", $"meter:{mall.M1}"), (audit.Action, audit.UserName, audit.Target));
    }

    [Fact]
    public async Task ReplaceAsync_FinalReadingWithinAMinuteOfTheLastPoll_CountsTheFinalConsumption()
    {
        var (mall, service, processor) = await ArrangeAsync();
        await using var _ = mall.Bed;
        // A poll 30 s before the swap: the final reading follows within the minimum window.
        await processor.ProcessAsync([new AcquiredReading(mall.M1, Reading(mall.Bed.Clock.GetUtcNow().AddSeconds(-30), 101.4m))], default);

        var replacement = await service.ReplaceAsync(Admin, Request(mall, final: 101.5m), "127.0.0.1", default);

        await using var db = mall.Bed.Database.CreateDbContext();
        // 100 -> 101 -> 101.4 by polls, 101.4 -> 101.5 by the final reading: 1.5 kWh, none of it lost to the swap.
        Assert.Equal(0.1m, replacement.FinalConsumption);
        Assert.Equal(1.5m, await db.IntervalEnergies.Where(i => i.MeterId == mall.M1).SumAsync(i => i.Total));
        Assert.False(await db.MeterEvents.AnyAsync(e => e.SourceId == mall.M1));
    }

    [Fact]
    public async Task ReplaceAsync_MeterBilling_RecordsALedgerNeutralPendingTransfer()
    {
        var (mall, service, _) = await ArrangeAsync();
        await using var _ = mall.Bed;

        var replacement = await service.ReplaceAsync(Admin, Request(mall), null, default);

        await using var db = mall.Bed.Database.CreateDbContext();
        var transfer = await db.PendingBalanceTransfers.SingleAsync();
        Assert.Equal((replacement.Id, mall.M1, (int?)mall.Bed.AccountIds[0], 88.5m, BalanceTransferState.Pending, $"meter-replacement:{replacement.Id}"),
            (transfer.ReplacementId, transfer.MeterId, transfer.AccountId, transfer.Amount, transfer.State, transfer.IdempotencyKey));
        Assert.False(await db.LedgerEntries.AnyAsync());
    }

    [Fact]
    public async Task ReplaceAsync_PlatformBilledMeter_CarriesNoBalance()
    {
        var mall = await SmallMall.CreateAsync();
        await using var _ = mall.Bed;
        var (service, _) = Services(mall);

        var replacement = await service.ReplaceAsync(Admin, new MeterReplacementRequest(mall.P1, 0m, "NEW-P1", 30, 0m, 12m, "Upgrade"), null, default);

        await using var db = mall.Bed.Database.CreateDbContext();
        Assert.Null(replacement.CarriedBalance);
        Assert.False(await db.PendingBalanceTransfers.AnyAsync());
    }

    [Theory]
    [InlineData(100.5, 20, 88.5, "final")]
    [InlineData(101.5, 6, 88.5, "unit")]
    [InlineData(101.5, 20, null, "remaining")]
    [InlineData(101.555, 20, 88.5, "final")]
    [InlineData(5000, 20, 88.5, "final")]
    public async Task ReplaceAsync_BrokenRule_RefusesAndChangesNothing(double final, int unit, double? remaining, string code)
    {
        var (mall, service, _) = await ArrangeAsync();
        await using var _ = mall.Bed;

        var error = await Assert.ThrowsAsync<MeterReplacementException>(() =>
            service.ReplaceAsync(Admin, Request(mall, (decimal)final, unit, (decimal?)remaining), null, default));

        Assert.Equal(code, error.Code);
        await using var db = mall.Bed.Database.CreateDbContext();
        Assert.Equal("SN005", (await db.Meters.SingleAsync(m => m.Id == mall.M1)).SerialNumber);
        Assert.Equal(101m, (await db.MeterLiveStates.SingleAsync(s => s.MeterId == mall.M1)).EnergyKwh);
        Assert.False(await db.MeterReplacements.AnyAsync());
        Assert.Equal(1m, await db.IntervalEnergies.SumAsync(i => i.Total));
    }

    [Fact]
    public async Task ReplaceAsync_WithoutEditConfiguration_IsDenied()
    {
        var (mall, service, _) = await ArrangeAsync();
        await using var _ = mall.Bed;

        await Assert.ThrowsAsync<PermissionDeniedException>(() =>
            service.ReplaceAsync(AccessMatrixTests.Principal("e", Roles.DutyElectrician), Request(mall), null, default));
    }
}
