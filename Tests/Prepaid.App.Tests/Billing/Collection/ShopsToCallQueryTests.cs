using Microsoft.Extensions.Options;
using Prepaid.App.Billing.Collection;
using Prepaid.App.Billing.FeeArrears;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Billing.MeterBilling;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.Collection;

/// <summary>The call list: who is on it, why, and in which order, from the same money picture as the desk.</summary>
public sealed class ShopsToCallQueryTests
{
    private static async Task<int> ShopAsync(BillingWorld world, string unit, BillingMode mode, decimal? remaining, decimal ledger, Action<PrepaidDb, Meter>? more = null)
    {
        await using var db = world.Database.CreateDbContext();
        var (_, accountId) = await world.AddAccountAsync(db, unit, a => (a.AlarmAmount1, a.AlarmAmount2) = (100m, 30m));
        var meter = await world.AddMeterAsync(db, accountId, MeterProfile.PrepaidSinglePhase, mode);
        var now = world.Clock.GetUtcNow();
        db.MeterLiveStates.Add(new MeterLiveState
        {
            MeterId = meter.Id, Quality = ValueQuality.Good, UpdatedAt = now, LastGoodAt = now, RemainingYuan = remaining, SupplyOn = remaining is not <= 0m,
        });
        more?.Invoke(db, meter);
        await db.SaveChangesAsync();
        if (ledger != 0m)
        {
            if (ledger < 0)
            {
                await world.Ledger.PostAsync(new LedgerPosting(accountId, LedgerEntryKind.PropertyFee, ledger, "fee:" + unit, "property-fee"), default);
            }
            else
            {
                await world.RechargeAsync(accountId, ledger, "order:" + unit);
            }
        }

        return accountId;
    }

    [Fact]
    public async Task List_ShopsInEveryState_MostUrgentFirstWithTheirFigures()
    {
        await using var world = await BillingWorld.CreateAsync();
        var noticedAt = world.Clock.GetUtcNow().AddDays(-1);
        await ShopAsync(world, "S6", BillingMode.Meter, 500m, 0m);
        await ShopAsync(world, "S8", BillingMode.Meter, null, -40m);
        await ShopAsync(world, "S5", BillingMode.Meter, 500m, -50m);
        await ShopAsync(world, "S4", BillingMode.Platform, null, 80m);
        await ShopAsync(world, "S3", BillingMode.Meter, 20m, 0m);
        var graceShop = await ShopAsync(world, "S2", BillingMode.Meter, 20m, -100m);
        await ShopAsync(world, "S7", BillingMode.Meter, 0m, 0m);
        await ShopAsync(world, "S1", BillingMode.Meter, 5m, -156.82m, (db, meter) => db.RelayPolicyRecords.Add(new RelayPolicyRecord
        {
            MeterId = meter.Id, Relay = RelayState.Open, TripCause = TripCause.FeeArrears, TrippedAt = noticedAt, LastReason = "Trip",
        }));
        await using (var db = world.Database.CreateDbContext())
        {
            var tenantId = db.Accounts.Single(a => a.Id == graceShop).TenantId;
            db.TenantNotices.Add(new TenantNotice { TenantId = tenantId, AccountId = graceShop, Level = NoticeLevel.FeesOwed, Balance = 100m, At = noticedAt, Channel = TenantNotice.PendingChannel });
            await db.SaveChangesAsync();
        }

        var query = new ShopsToCallQuery(world.Database, world.Ledger, Options.Create(new FeeArrearsOptions()));
        var list = await query.ListAsync(default);

        Assert.Equal(
            [("S1", CallReason.TrippedForFees), ("S7", CallReason.OutOfMoney), ("S2", CallReason.GraceRunning), ("S3", CallReason.BelowAlarm2),
             ("S4", CallReason.BelowAlarm1), ("S8", CallReason.FeesOwed), ("S5", CallReason.FeesOwed)],
            list.Select(s => (s.Unit, s.Reason)));
        var grace = list[2];
        Assert.Equal((100m, 20m, -80m, noticedAt, noticedAt.AddDays(3)), (grace.Owed, grace.InMeters, grace.Available, grace.Since, grace.GraceUntil));
        Assert.Equal((156.82m, noticedAt), (list[0].Owed, list[0].Since));
        Assert.Equal(((decimal?)null, (decimal?)80m), (list[4].InMeters, list[4].Available));
        // A meter never read: what the shop can spend is unknown, so it is listed for its fees only, never as low or uncovered.
        Assert.Equal((40m, (decimal?)null, (decimal?)null), (list[5].Owed, list[5].InMeters, list[5].Available));
    }
}
