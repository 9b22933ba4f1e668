using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Billing.FeeArrears;
using Prepaid.App.Demo.History;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Xunit;

namespace Prepaid.App.Tests.Demo;

public sealed class DemoHistoryMonthlyChargesTests
{
    [Fact]
    public async Task RunAsync_HistoryAcrossTheFirstOfAMonth_ChargesFeesForEveryMonthCoveredAndSharesTheMonthBefore()
    {
        // Seeded at 23:00 site time (UTC+8) on 31 October; the history runs into the small hours of 1 November.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 31, 15, 0, 0, TimeSpan.Zero));
        await using var factory = new PrepaidAppFactory();
        await using var app = DemoHistoryHost.Create(factory, clock);
        var services = app.Services;
        var from = DemoHistory.StartFor(clock.GetUtcNow(), 0).AddMinutes(30);

        await services.GetRequiredService<DemoHistory>().RunAsync(from, from.AddHours(3), CancellationToken.None);

        await using var db = await services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var october = new DateOnly(2026, 10, 1);
        var november = new DateOnly(2026, 11, 1);
        var feeRuns = await db.PropertyFeeRuns.AsNoTracking().Where(r => r.CompletedAt != null).Select(r => r.Month).OrderBy(m => m).ToListAsync();
        Assert.Equal([october, november], feeRuns);
        var fees = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.PropertyFee).ToListAsync();
        var accounts = await db.Accounts.AsNoTracking().CountAsync(a => a.ClosedAt == null);
        Assert.Equal(2 * accounts, fees.Count);
        Assert.All(fees, f => Assert.InRange(f.OccurredAt, from, from.AddHours(3)));

        // October is shared on 1 November for the part of it the history covers; nothing before the history.
        var shared = Assert.Single(await db.SharingRuns.AsNoTracking().Where(r => r.CompletedAt != null).ToListAsync());
        Assert.Equal(october, shared.Month);
        Assert.True(shared.PoolQuantity > 0m, "the public-area meters' consumption of the covered half hour is shared");
        Assert.True(shared.PoolQuantity < 1000m, "only the half hour of October the history covers, not a whole month");
        var shares = await db.LedgerEntries.AsNoTracking().Where(e => e.Kind == LedgerEntryKind.PublicAreaShare).ToListAsync();
        Assert.NotEmpty(shares);
        Assert.Equal(shared.Allocated, -shares.Sum(s => s.Amount));
    }

    [Fact]
    public async Task RunAsync_FeesTheMetersCannotCover_EveryOwingShopIsTrippedAfterTheGrace()
    {
        // Across the 1st with a one-hour grace, so the whole path (fee, notice, grace, trip) fits in a few hours.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 10, 31, 15, 0, 0, TimeSpan.Zero));
        await using var factory = new PrepaidAppFactory();
        await using var app = DemoHistoryHost.Create(factory, clock).WithWebHostBuilder(b => b.UseSetting("FeeArrears:Grace", "01:00:00"));
        var services = app.Services;
        var from = DemoHistory.StartFor(clock.GetUtcNow(), 0).AddMinutes(30);

        await services.GetRequiredService<DemoHistory>().RunAsync(from, from.AddHours(4.5), CancellationToken.None);

        await using var db = await services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var owing = await db.Meters.AsNoTracking().Where(m => m.BillingMode == BillingMode.Meter && m.AccountId != null)
            .Select(m => m.AccountId!.Value).Distinct().ToListAsync();
        int uncovered = 0, powered = 0;
        foreach (var accountId in owing)
        {
            if (await AccountMoneyQuery.GetAsync(db, accountId, default) is { Picture: { Owed: > 0, Complete: true, Available: < 0 } } money)
            {
                uncovered++;
                var ids = money.Meters.Select(m => m.Id).ToList();
                powered += await db.MeterLiveStates.AsNoTracking().CountAsync(s => ids.Contains(s.MeterId) && s.SupplyOn == true) > 0 ? 1 : 0;
            }
        }

        Assert.True(uncovered > 10, $"the demo has shops whose meters cannot cover their fees ({uncovered})");
        Assert.Equal(0, powered);
        var notices = await db.TenantNotices.AsNoTracking().Where(n => n.Level == NoticeLevel.FeesOwed).CountAsync();
        var trips = await db.MeterCommands.AsNoTracking().CountAsync(c => c.RequestedBy == FeeArrearsEvaluator.RequestedBy && c.State == MeterCommandState.Confirmed);
        Assert.True(notices >= uncovered, $"{notices} fee notices for {uncovered} shops");
        // The others were already off: their meters tripped themselves at zero, and a fee trip adds nothing to that.
        Assert.InRange(trips, 1, 2 * uncovered);
    }
}
