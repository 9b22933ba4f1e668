using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts.Desk;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts.Desk;

public sealed class RefundVoucherTests
{
    private static async Task<RefundRequest> ApprovedRefundAsync(CashierTestBed bed, decimal amount)
    {
        var request = await bed.Refunds.RequestRefundAsync(CashierTestBed.Cashier, bed.AccountIds[0], amount, PaymentMethod.Cash, "Shop leaving", null, CancellationToken.None);
        return await bed.Refunds.ApproveAsync(CashierTestBed.Manager, request.Id, null, null, CancellationToken.None);
    }

    [Fact]
    public async Task ApproveAsync_TwoRefundsOneDay_NumbersThemInOrderAndStoresThem()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var day = await bed.DayClose.TodayAsync(CancellationToken.None);

        var first = await ApprovedRefundAsync(bed, 10m);
        var second = await ApprovedRefundAsync(bed, 20m);

        Assert.Equal(RefundVouchers.Format(day, 1), first.VoucherNumber);
        Assert.Equal(RefundVouchers.Format(day, 2), second.VoucherNumber);
        await using var db = bed.Bed.Database.CreateDbContext();
        Assert.Equal(first.VoucherNumber, await db.RefundRequests.Where(r => r.Id == first.Id).Select(r => r.VoucherNumber).SingleAsync());
    }

    [Fact]
    public async Task ApproveAsync_RefundAboveTheBalance_TakesNoNumber()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var request = await bed.Refunds.RequestRefundAsync(CashierTestBed.Cashier, bed.AccountIds[0], 80m, PaymentMethod.Cash, "Shop leaving", null, CancellationToken.None);
        // The balance drops below the request before a manager decides: the ledger refuses the refund.
        await bed.Bed.Ledger.PostAsync(new Prepaid.App.Kernel.Ledger.LedgerPosting(bed.AccountIds[0], LedgerEntryKind.PropertyFee, -50m, "fee:voucher", "property-fee"), default);

        await Assert.ThrowsAsync<CashierRefusedException>(() => bed.Refunds.ApproveAsync(CashierTestBed.Manager, request.Id, null, null, CancellationToken.None));
        await bed.Refunds.RejectAsync(CashierTestBed.Manager, request.Id, "Balance too low now", null, CancellationToken.None);
        var next = await ApprovedRefundAsync(bed, 10m);

        Assert.EndsWith("-0001", next.VoucherNumber, StringComparison.Ordinal);
        await using var db = bed.Bed.Database.CreateDbContext();
        Assert.Null(await db.RefundRequests.Where(r => r.Id == request.Id).Select(r => r.VoucherNumber).SingleAsync());
    }

    [Fact]
    public async Task SummaryAsync_ApprovedRefund_ListsItsVoucherNumber()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var refund = await ApprovedRefundAsync(bed, 10m);
        var day = await bed.DayClose.TodayAsync(CancellationToken.None);

        var summary = await bed.DayClose.SummaryAsync("cashier", day, CancellationToken.None);

        var movement = Assert.Single(summary.Movements, m => m.Kind == LedgerEntryKind.Refund);
        Assert.Equal(refund.VoucherNumber, movement.VoucherNumber);
        Assert.Null(Assert.Single(summary.Movements, m => m.Kind == LedgerEntryKind.Recharge).VoucherNumber);
    }
}
