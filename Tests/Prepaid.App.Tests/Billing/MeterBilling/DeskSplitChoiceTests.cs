using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Accounts.Desk;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>The cashier's water amount at the desk: limited by RechargeSplitRule.ChoiceLimits in the preview and again
/// by the desk's service, stored on the receipt.</summary>
public sealed class DeskSplitChoiceTests
{
    private sealed class NoEngine : ICommandSubmitter
    {
        public Func<AcquisitionCommand, Task<CommandResult>>? Submit => null;
    }

    private sealed class NoAlarms : IOperatorAlarmSink
    {
        public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private sealed record Shop(BillingWorld World, int AccountId, PaymentPlanner Planner, RechargeService Desk) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    /// <summary>The README's stall: electricity holds 11.58, water 200.00, alarm amount 1 is 100.00, nothing owed.</summary>
    private static async Task<Shop> StallAsync(string unit)
    {
        var world = await BillingWorld.CreateAsync();
        var now = world.Clock.GetUtcNow();
        int accountId;
        await using (var db = world.Database.CreateDbContext())
        {
            (_, accountId) = await world.AddAccountAsync(db, unit, a => a.AlarmAmount1 = 100m);
            var electricity = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter, configure: m => m.Name = "E-" + unit);
            var water = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidWater, BillingMode.Meter, configure: m => m.Name = "W-" + unit);
            db.MeterLiveStates.Add(new MeterLiveState { MeterId = electricity.Id, RemainingYuan = 11.58m, UpdatedAt = now, LastGoodAt = now });
            db.MeterLiveStates.Add(new MeterLiveState { MeterId = water.Id, RemainingYuan = 200m, UpdatedAt = now, LastGoodAt = now });
            await db.SaveChangesAsync();
        }

        var runner = new MeterCommandRunner(world.Database, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), world.Clock, NullLogger<MeterCommandRunner>.Instance);
        var deliveries = new RechargeDeliveryService(world.Database, world.Ledger, runner, new NoEngine(), new NoAlarms(),
            Microsoft.Extensions.Options.Options.Create(new MeterBillingOptions()), world.Clock, NullLogger<RechargeDeliveryService>.Instance);
        var planner = new PaymentPlanner(deliveries, world.Database);
        var desk = new RechargeService(world.Database, world.Ledger, new ReceiptBook(), new AuditLog(world.Database, world.Clock), world.Clock, [planner],
            NullLogger<RechargeService>.Instance);
        return new Shop(world, accountId, planner, desk);
    }

    [Fact]
    public async Task PreviewAsync_PaymentLiftsBothMeters_OffersTheLimitsThatKeepBothAtAlarmAmount1()
    {
        await using var shop = await StallAsync("S61");

        var preview = (await shop.Planner.PreviewAsync(shop.AccountId, 500m, null, default))!;

        // Electricity lacks 88.42, water nothing: water may take 0 to 411.58.
        Assert.Equal(new WaterChoice(0m, 411.58m, null), preview.Choice);
    }

    [Fact]
    public async Task PreviewAsync_WaterWithinLimits_SplitsAsNamed()
    {
        await using var shop = await StallAsync("S62");

        var preview = (await shop.Planner.PreviewAsync(shop.AccountId, 500m, 300m, default))!;

        Assert.Equal(300m, preview.Choice!.Chosen);
        Assert.Equal([("E-S62", 200m), ("W-S62", 300m)], preview.Parts.Select(p => (p.MeterName, p.Amount)));
    }

    [Fact]
    public async Task PreviewAsync_WaterAboveLimit_KeepsTheRulesSplit()
    {
        await using var shop = await StallAsync("S63");
        var rule = (await shop.Planner.PreviewAsync(shop.AccountId, 500m, null, default))!;

        var preview = (await shop.Planner.PreviewAsync(shop.AccountId, 500m, 450m, default))!;

        Assert.Null(preview.Choice!.Chosen);
        Assert.Equal(rule.Parts, preview.Parts);
    }

    [Fact]
    public async Task RechargeAsync_WaterAboveLimit_IsRefusedWithTheLimitsAndTakesNothing()
    {
        await using var shop = await StallAsync("S64");

        // The page is not trusted: 450 would leave electricity at 61.58, below alarm amount 1.
        var e = await Assert.ThrowsAsync<CashierRefusedException>(() =>
            shop.Desk.RechargeAsync(CashierTestBed.Cashier, shop.AccountId, 500m, PaymentMethod.Cash, "S64-order", null, default, waterAmount: 450m));

        Assert.Equal("split-out-of-range", e.Code);
        Assert.Equal([450m, 0m, 411.58m], e.Amounts);
        await using var db = shop.World.Database.CreateDbContext();
        Assert.False(await db.LedgerEntries.AnyAsync(x => x.AccountId == shop.AccountId && x.Kind == LedgerEntryKind.Recharge));
        Assert.False(await db.Receipts.AnyAsync());
    }

    [Fact]
    public async Task RechargeAsync_WaterWithinLimits_StoresTheChoiceOnTheReceipt()
    {
        await using var shop = await StallAsync("S65");

        var outcome = await shop.Desk.RechargeAsync(CashierTestBed.Cashier, shop.AccountId, 500m, PaymentMethod.Cash, "S65-order", null, default, waterAmount: 300m);

        await using var db = shop.World.Database.CreateDbContext();
        Assert.Equal(300m, (await db.Receipts.SingleAsync(r => r.Number == outcome.Receipt.Number)).ChosenWaterAmount);
    }

    [Fact]
    public async Task RechargeAsync_WaterWithinLimits_DeliversTheChosenSplit()
    {
        await using var shop = await StallAsync("S66");

        var outcome = await shop.Desk.RechargeAsync(CashierTestBed.Cashier, shop.AccountId, 500m, PaymentMethod.Cash, "S66-order", null, default, waterAmount: 300m);

        await using var db = shop.World.Database.CreateDbContext();
        var entry = await db.LedgerEntries.SingleAsync(x => x.IdempotencyKey == outcome.Receipt.LedgerEntryKey);
        var parts = await db.RechargeDeliveries.Where(d => d.LedgerEntryId == entry.Id).OrderBy(d => d.MeterId).Select(d => d.Amount).ToListAsync();
        Assert.Equal([200m, 300m], parts);
    }
}
