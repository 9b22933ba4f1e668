using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.App.Demo.History;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Xunit;

namespace Prepaid.App.Tests.Demo;

public sealed class DemoHistoryMonthlyChargesTests
{
    [Fact]
    public async Task RunAsync_HistoryAcrossTheFirstOfAMonth_ChargesFeesForEveryMonthCoveredAndSharesTheMonthBefore()
    {
        // Seeded at 23:00 site time (UTC+8) on 31 October; the history runs into the small hours of 1 November.
        var clock = new TestClock(new DateTimeOffset(2026, 10, 31, 15, 0, 0, TimeSpan.Zero));
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
}
