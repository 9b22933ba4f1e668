using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts.Desk;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts.Desk;

public sealed class ReceiptNumberingTests
{
    [Fact]
    public async Task RechargeAsync_ManyConcurrentSomeOverTheHoardingLimit_NumbersRunOneToNWithoutGaps()
    {
        // Limit 1000 per account: on each of 4 accounts, 10 recharges of 150 race, so 6 fit and 4 are refused.
        await using var bed = await CashierTestBed.CreateAsync(accounts: 4, hoardingLimit: 1000m);
        var refused = new ConcurrentBag<string>();
        var outcomes = new ConcurrentBag<RechargeOutcome>();
        var cashiers = new[] { CashierTestBed.Cashier, CashierTestBed.Cashier2 };
        var tasks = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            try
            {
                outcomes.Add(await bed.RechargeAsync(bed.AccountIds[i % 4], 150m, (PaymentMethod)(i % 3), cashiers[i % 2]));
            }
            catch (CashierRefusedException e)
            {
                refused.Add(e.Code);
            }
        }));

        await Task.WhenAll(tasks);

        Assert.Equal(24, outcomes.Count);
        Assert.Equal(16, refused.Count);
        Assert.All(refused, code => Assert.Equal("hoarding", code));
        await using var db = bed.Bed.Database.CreateDbContext();
        var receipts = await db.Receipts.OrderBy(r => r.Sequence).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 24), receipts.Select(r => r.Sequence));
        Assert.All(receipts, r => Assert.Equal($"R20261120-{r.Sequence:0000}", r.Number));
        // Every receipt is one recharge entry and every recharge entry has its receipt.
        var recharges = await db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Recharge).ToListAsync();
        Assert.Equal(recharges.Select(e => e.IdempotencyKey).Order(), receipts.Select(r => r.LedgerEntryKey).Order());
        foreach (var id in bed.AccountIds)
        {
            Assert.Equal(900m, await bed.Bed.Ledger.BalanceAsync(id, CancellationToken.None));
        }
    }

    [Fact]
    public async Task RechargeAsync_NextSiteDay_StartsAgainAtOne()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        var first = await bed.RechargeAsync(bed.AccountIds[0], 10m);
        var second = await bed.RechargeAsync(bed.AccountIds[0], 10m);
        // 2026-11-20 02:30 UTC is 10:30 in Shanghai; 14 hours later it is 00:30 on the 21st there.
        bed.Bed.Clock.Advance(TimeSpan.FromHours(14));
        var third = await bed.RechargeAsync(bed.AccountIds[0], 10m);

        Assert.Equal(["R20261120-0001", "R20261120-0002", "R20261121-0001"], [first.Receipt.Number, second.Receipt.Number, third.Receipt.Number]);
    }

    [Fact]
    public async Task RechargeAsync_RefusedByHoardingLimit_TakesNoNumberAndWritesNothing()
    {
        await using var bed = await CashierTestBed.CreateAsync(hoardingLimit: 500m);
        await bed.RechargeAsync(bed.AccountIds[0], 400m);

        var e = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.RechargeAsync(bed.AccountIds[0], 100.01m));
        var next = await bed.RechargeAsync(bed.AccountIds[0], 100m);

        Assert.Equal("hoarding", e.Code);
        Assert.Contains("100.00", e.Message);
        Assert.Equal("R20261120-0002", next.Receipt.Number);
        Assert.Equal(500m, next.BalanceAfter);
    }
}
