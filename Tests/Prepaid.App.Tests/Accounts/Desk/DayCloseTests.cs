using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts.Desk;

public sealed class DayCloseTests
{
    [Fact]
    public async Task CloseAsync_MixedDay_TotalsEqualTheLedgerSumsAndTheDayIsClosed()
    {
        await using var bed = await CashierTestBed.CreateAsync(accounts: 3);
        var random = new Random(7);
        for (var i = 0; i < 30; i++)
        {
            var by = i % 3 == 0 ? CashierTestBed.Cashier2 : CashierTestBed.Cashier;
            await bed.RechargeAsync(bed.AccountIds[i % 3], random.Next(1, 50000) / 100m, (PaymentMethod)random.Next(3), by);
            bed.Bed.Clock.Advance(TimeSpan.FromMinutes(5));
        }

        var refund = await bed.Refunds.RequestRefundAsync(CashierTestBed.Cashier, bed.AccountIds[1], 12.34m, PaymentMethod.Cash, "Overpaid", null, CancellationToken.None);
        await bed.Refunds.ApproveAsync(CashierTestBed.Manager, refund.Id, null, null, CancellationToken.None);
        var firstOfCashier = await FirstRechargeKey(bed, "cashier");
        var reversal = await bed.Refunds.RequestReversalAsync(CashierTestBed.Cashier, firstOfCashier, "Wrong account", null, CancellationToken.None);
        await bed.Refunds.ApproveAsync(CashierTestBed.Manager, reversal.Id, null, null, CancellationToken.None);
        var day = await bed.DayClose.TodayAsync(CancellationToken.None);

        var close = await bed.DayClose.CloseAsync(CashierTestBed.Cashier, day, null, CancellationToken.None);

        // Independently: the ledger's entries of the site day, by the cashier or caused by the cashier's requests.
        await using var db = bed.Bed.Database.CreateDbContext();
        var zone = await SiteTime.FirstSiteZoneAsync(db, CancellationToken.None);
        var start = SiteTime.MidnightUtc(day, zone);
        var end = SiteTime.MidnightUtc(day.AddDays(1), zone);
        var entries = (await db.LedgerEntries.ToListAsync()).Where(e => e.OccurredAt >= start && e.OccurredAt < end).ToList();
        decimal Recharged(PaymentMethod m) => entries.Where(e => e.Kind == LedgerEntryKind.Recharge && e.RecordedBy == "cashier" && e.PaymentMethod == m).Sum(e => e.Amount);
        Assert.Equal(Recharged(PaymentMethod.Cash), close.CashTotal);
        Assert.Equal(Recharged(PaymentMethod.BankCard), close.BankCardTotal);
        Assert.Equal(Recharged(PaymentMethod.Transfer), close.TransferTotal);
        Assert.Equal(-12.34m, close.RefundTotal);
        Assert.Equal(entries.Single(e => e.Kind == LedgerEntryKind.Reversal).Amount, close.ReversalTotal);
        Assert.Equal(20 + 2, close.MovementCount);
        Assert.True(close.CashTotal + close.BankCardTotal + close.TransferTotal > 0);

        var refused = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.RechargeAsync(bed.AccountIds[0], 10m));
        var twice = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.DayClose.CloseAsync(CashierTestBed.Cashier, day, null, CancellationToken.None));
        var other = await bed.RechargeAsync(bed.AccountIds[0], 10m, by: CashierTestBed.Cashier2);
        Assert.Equal("day-closed", refused.Code);
        Assert.Equal("already-closed", twice.Code);
        Assert.True(other.Appended);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "cashier.day-close" && a.UserName == "cashier"));
    }

    [Fact]
    public async Task CloseAsync_WithAPendingRequest_IsRefused()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        await bed.Refunds.RequestRefundAsync(CashierTestBed.Cashier, bed.AccountIds[0], 10m, PaymentMethod.Cash, "Overpaid", null, CancellationToken.None);
        var day = await bed.DayClose.TodayAsync(CancellationToken.None);

        var e = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.DayClose.CloseAsync(CashierTestBed.Cashier, day, null, CancellationToken.None));

        Assert.Equal("pending-requests", e.Code);
    }

    [Fact]
    public async Task CloseAsync_FutureDay_IsRefused()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        var day = await bed.DayClose.TodayAsync(CancellationToken.None);

        var e = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.DayClose.CloseAsync(CashierTestBed.Cashier, day.AddDays(1), null, CancellationToken.None));

        Assert.Equal("future-day", e.Code);
    }

    private static async Task<string> FirstRechargeKey(CashierTestBed bed, string cashier)
    {
        await using var db = bed.Bed.Database.CreateDbContext();
        return await db.Receipts.Where(r => r.IssuedBy == cashier).OrderBy(r => r.Sequence).Select(r => r.LedgerEntryKey).FirstAsync();
    }
}
