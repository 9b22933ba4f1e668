using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Drivers;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>After a restart, meters that took a purchase in the hour before are reconciled as soon as they are read again.</summary>
public sealed class RestartReconciliationTests
{
    private sealed class Alarms : IOperatorAlarmSink
    {
        public List<OperatorAlarmRaised> Raised { get; } = [];

        public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken)
        {
            Raised.Add(alarm);
            return Task.CompletedTask;
        }
    }

    private sealed record Bed(BillingWorld World, Alarms Alarms, MeterReconciler Reconciler, DateTimeOffset StartedAt) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => World.DisposeAsync();
    }

    private static async Task<Bed> CreateAsync()
    {
        var world = await BillingWorld.CreateAsync();
        var alarms = new Alarms();
        // The process started ten minutes ago.
        return new Bed(world, alarms, new MeterReconciler(world.Database, alarms, Options.Create(new MeterBillingOptions()), world.Clock),
            world.Clock.GetUtcNow().AddMinutes(-10));
    }

    /// <summary>A meter-billing meter whose last purchase (confirmed, expecting count <paramref name="expectedCount"/>) was sent
    /// <paramref name="sentBeforeStart"/> before the start, and whose latest reading shows <paramref name="readCount"/>.</summary>
    private static async Task<int> MeterAsync(Bed bed, string unit, TimeSpan sentBeforeStart, int expectedCount, int readCount, DateTimeOffset readAt)
    {
        await using var db = bed.World.Database.CreateDbContext();
        var (_, accountId) = await bed.World.AddAccountAsync(db, unit);
        var meter = await bed.World.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, BillingMode.Meter);
        db.MeterCommands.Add(new MeterCommand
        {
            MeterId = meter.Id, Kind = MeterCommandKind.DeliverPurchase, State = MeterCommandState.Confirmed, RequestedAt = bed.StartedAt - sentBeforeStart,
            CompletedAt = bed.StartedAt - sentBeforeStart, RequestedBy = RechargeDeliveryService.RequestedBy, Reason = "test",
            PayloadJson = JsonSerializer.Serialize(new MeterCommandRunner.PurchasePayload(900m, new PurchaseIntent(expectedCount, 900m, 0m))),
        });
        db.MeterLiveStates.Add(new MeterLiveState
        {
            MeterId = meter.Id, Quality = ValueQuality.Good, UpdatedAt = readAt, LastGoodAt = readAt, PurchaseCount = readCount, RemainingYuan = 12m,
        });
        await db.SaveChangesAsync();
        return meter.Id;
    }

    [Fact]
    public async Task RecentlyPurchased_PurchasesBeforeTheStart_OnlyThoseOfTheLastHour()
    {
        await using var bed = await CreateAsync();
        var recent = await MeterAsync(bed, "RR1", TimeSpan.FromMinutes(30), 1, 1, bed.StartedAt.AddMinutes(1));
        await MeterAsync(bed, "RR2", TimeSpan.FromHours(2), 1, 1, bed.StartedAt.AddMinutes(1));

        var meters = await bed.Reconciler.RecentlyPurchasedAsync(bed.StartedAt, default);

        Assert.Equal([recent], meters);
    }

    [Fact]
    public async Task ReconcileAfterRestart_MeterLostAPurchaseConfirmedJustBeforeTheCrash_RaisesTheCountDiscrepancyOnce()
    {
        await using var bed = await CreateAsync();
        // The platform confirmed purchase 1 a second before the crash; the meter came back at count 0.
        var meter = await MeterAsync(bed, "RR3", TimeSpan.FromSeconds(1), 1, 0, bed.StartedAt.AddMinutes(2));

        var first = await bed.Reconciler.ReconcileAfterRestartAsync([meter], bed.StartedAt, default);
        var second = await bed.Reconciler.ReconcileAfterRestartAsync([meter], bed.StartedAt, default);

        Assert.Equal([meter], first);
        Assert.Equal([meter], second);
        var alarm = Assert.Single(bed.Alarms.Raised);
        Assert.Equal((MeterReconciler.AlarmCodePrefix + "purchasecount", meter), (alarm.Code, alarm.MeterId));
        await using var db = bed.World.Database.CreateDbContext();
        var found = await db.ReconciliationDiscrepancies.AsNoTracking().SingleAsync();
        Assert.Equal((DiscrepancyKind.PurchaseCount, (decimal?)1m, (decimal?)0m), (found.Kind, found.Expected, found.Reported));
        Assert.StartsWith("After a restart:", found.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReconcileAfterRestart_NotReadSinceTheStart_WaitsForAFreshReading()
    {
        await using var bed = await CreateAsync();
        var meter = await MeterAsync(bed, "RR4", TimeSpan.FromMinutes(5), 1, 0, bed.StartedAt.AddMinutes(-1));

        var compared = await bed.Reconciler.ReconcileAfterRestartAsync([meter], bed.StartedAt, default);

        Assert.Empty(compared);
        Assert.Empty(bed.Alarms.Raised);
    }

    [Fact]
    public async Task ReconcileAfterRestart_CountAsTheLastConfirmedPurchaseLeftIt_ComparedWithoutAlarm()
    {
        await using var bed = await CreateAsync();
        var meter = await MeterAsync(bed, "RR5", TimeSpan.FromMinutes(5), 7, 7, bed.StartedAt.AddMinutes(1));

        var compared = await bed.Reconciler.ReconcileAfterRestartAsync([meter], bed.StartedAt, default);

        Assert.Equal([meter], compared);
        Assert.Empty(bed.Alarms.Raised);
    }

    [Fact]
    public async Task ReconcileAfterRestart_PurchaseStillInFlight_WaitsUntilItEnds()
    {
        await using var bed = await CreateAsync();
        var meter = await MeterAsync(bed, "RR6", TimeSpan.FromMinutes(5), 1, 1, bed.StartedAt.AddMinutes(1));
        await using (var db = bed.World.Database.CreateDbContext())
        {
            db.MeterCommands.Add(new MeterCommand
            {
                MeterId = meter, Kind = MeterCommandKind.DeliverPurchase, State = MeterCommandState.Sent, RequestedAt = bed.StartedAt.AddMinutes(-1),
                RequestedBy = RechargeDeliveryService.RequestedBy, Reason = "test",
                PayloadJson = JsonSerializer.Serialize(new MeterCommandRunner.PurchasePayload(50m, new PurchaseIntent(2, 50m, 0m))),
            });
            await db.SaveChangesAsync();
        }

        var compared = await bed.Reconciler.ReconcileAfterRestartAsync([meter], bed.StartedAt, default);

        Assert.Empty(compared);
    }
}
