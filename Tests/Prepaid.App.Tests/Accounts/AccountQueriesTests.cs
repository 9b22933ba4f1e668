using Prepaid.App.Accounts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts;

public sealed class AccountQueriesTests
{
    [Fact]
    public async Task LedgerAsync_Filters_SelectKindMethodAndSiteDaysAndPage()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        for (var i = 0; i < 12; i++)
        {
            await bed.Desk.RechargeAsync(account, 10m + i, i % 2 == 0 ? PaymentMethod.Cash : PaymentMethod.Transfer);
            await bed.Ledger.PostAsync(new LedgerPosting(account, LedgerEntryKind.EnergyCharge, -1.2345m, $"energy:{i}", "billing"), CancellationToken.None);
            bed.Desk.Bed.Clock.Advance(TimeSpan.FromHours(6));
        }

        var all = await bed.Queries.LedgerAsync(account, new LedgerFilter(), 0, 5, CancellationToken.None);
        var cash = await bed.Queries.LedgerAsync(account, new LedgerFilter(Method: PaymentMethod.Cash), 0, 50, CancellationToken.None);
        var charges = await bed.Queries.LedgerAsync(account, new LedgerFilter(Kind: LedgerEntryKind.EnergyCharge), 0, 50, CancellationToken.None);
        // Start 2026-11-20 10:30 Shanghai, every 6 hours: the 21st (site time) holds posts 3 to 6.
        var day = await bed.Queries.LedgerAsync(account, new LedgerFilter(From: new DateOnly(2026, 11, 21), To: new DateOnly(2026, 11, 21)), 0, 50, CancellationToken.None);

        Assert.Equal(24, all.Total);
        Assert.Equal(5, all.Rows.Count);
        Assert.Equal(6, cash.Total);
        Assert.Equal(10m + 12m + 14m + 16m + 18m + 20m, cash.Sum);
        Assert.Equal(-14.814m, charges.Sum);
        Assert.Equal(8, day.Total);
    }

    [Fact]
    public async Task LedgerAsync_EntryPostedLateForAnEarlierTime_IsListedAtItsOwnTime()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var account = bed.Desk.AccountIds[0];
        var earlyHour = bed.Desk.Bed.Clock.GetUtcNow();
        bed.Desk.Bed.Clock.Advance(TimeSpan.FromHours(1));
        await bed.Ledger.PostAsync(new LedgerPosting(account, LedgerEntryKind.EnergyCharge, -2m, "energy:late-hour", "billing"), CancellationToken.None);
        // A second meter's interval of an hour before is billed after it, at that interval's time (as platform billing does).
        await bed.Ledger.PostAsync(new LedgerPosting(account, LedgerEntryKind.EnergyCharge, -1m, "energy:early-hour", "billing", OccurredAt: earlyHour), CancellationToken.None);

        var page = await bed.Queries.LedgerAsync(account, new LedgerFilter(Kind: LedgerEntryKind.EnergyCharge), 0, 10, CancellationToken.None);

        Assert.Equal(["energy:late-hour", "energy:early-hour"], page.Rows.Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task DailyUsageAsync_Intervals_AreSummedPerSiteDay()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        var meter = bed.MeterIds[0];
        await using (var db = bed.Desk.Bed.Database.CreateDbContext())
        {
            // 2026-11-19 15:45 UTC is 23:45 on the 19th in Shanghai; 16:00 UTC is midnight of the 20th.
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = meter, IntervalStart = new DateTimeOffset(2026, 11, 19, 15, 45, 0, TimeSpan.Zero), Total = 1.5m });
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = meter, IntervalStart = new DateTimeOffset(2026, 11, 19, 16, 0, 0, TimeSpan.Zero), Total = 2.25m });
            db.IntervalEnergies.Add(new IntervalEnergy { MeterId = meter, IntervalStart = new DateTimeOffset(2026, 11, 20, 1, 0, 0, TimeSpan.Zero), Total = 0.25m });
            await db.SaveChangesAsync();
        }

        var daily = await bed.Queries.DailyUsageAsync(meter, new DateOnly(2026, 11, 20), 3, CancellationToken.None);
        var monthly = await bed.Queries.MonthlyUsageAsync(meter, new DateOnly(2026, 11, 20), 2, CancellationToken.None);

        Assert.Equal([0m, 1.5m, 2.5m], daily.Select(p => p.Value));
        Assert.Equal(new DateOnly(2026, 11, 18), daily[0].Period);
        Assert.Equal([0m, 4m], monthly.Select(p => p.Value));
    }

    [Fact]
    public async Task SearchAsync_ByMobileNameOrNumber_FindsTheAccountWithItsBalance()
    {
        await using var bed = await AccountTestBed.CreateAsync();
        await bed.Desk.RechargeAsync(bed.Desk.AccountIds[1], 66m);

        var byNumber = await bed.Directory.SearchAsync("A0002", false, 0, 10, CancellationToken.None);
        var byName = await bed.Directory.SearchAsync("Shop 2", false, 0, 10, CancellationToken.None);
        var byMobile = await bed.Directory.SearchAsync("138000", false, 0, 10, CancellationToken.None);

        Assert.Equal(66m, Assert.Single(byNumber.Rows).Balance);
        Assert.Equal("L1-002", Assert.Single(byName.Rows).UnitNumber);
        Assert.Equal(2, byMobile.Total);
    }
}
