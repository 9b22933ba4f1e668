using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Accounts.Desk;

public sealed class RefundApprovalTests
{
    private static Task<RefundRequest> AskRefund(CashierTestBed bed, decimal amount, System.Security.Claims.ClaimsPrincipal? by = null) =>
        bed.Refunds.RequestRefundAsync(by ?? CashierTestBed.Cashier, bed.AccountIds[0], amount, PaymentMethod.Cash, "Shop leaving", null, CancellationToken.None);

    [Fact]
    public async Task ApproveAsync_Cashier_IsRefusedAndNothingIsPosted()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var request = await AskRefund(bed, 40m);

        await Assert.ThrowsAsync<PermissionDeniedException>(() => bed.Refunds.ApproveAsync(CashierTestBed.Cashier2, request.Id, null, null, CancellationToken.None));

        Assert.Equal(100m, await bed.Bed.Ledger.BalanceAsync(bed.AccountIds[0], CancellationToken.None));
    }

    [Fact]
    public async Task ApproveAsync_RequesterApprovingOwnRequest_IsRefused()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        // The administrator holds both permissions: the rule is about the person, not the role.
        var request = await AskRefund(bed, 40m, CashierTestBed.Admin);

        var e = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.Refunds.ApproveAsync(CashierTestBed.Admin, request.Id, null, null, CancellationToken.None));

        Assert.Equal("own-request", e.Code);
        Assert.Equal(100m, await bed.Bed.Ledger.BalanceAsync(bed.AccountIds[0], CancellationToken.None));
    }

    [Fact]
    public async Task ApproveAsync_Manager_PostsTheRefundOnceAndRecordsTheDecision()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var request = await AskRefund(bed, 40m);

        var approved = await bed.Refunds.ApproveAsync(CashierTestBed.Manager, request.Id, "ok", null, CancellationToken.None);
        var again = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.Refunds.ApproveAsync(CashierTestBed.Manager2, request.Id, null, null, CancellationToken.None));

        Assert.Equal(RefundRequestState.Approved, approved.State);
        Assert.Equal("manager", approved.DecidedBy);
        Assert.Equal("decided", again.Code);
        Assert.Equal(60m, await bed.Bed.Ledger.BalanceAsync(bed.AccountIds[0], CancellationToken.None));
        await using var db = bed.Bed.Database.CreateDbContext();
        var entry = await db.LedgerEntries.SingleAsync(e => e.Kind == LedgerEntryKind.Refund);
        Assert.Equal(-40m, entry.Amount);
        Assert.Equal(RefundService.RefundKey(request.Id), entry.IdempotencyKey);
        Assert.Equal("manager", entry.RecordedBy);
        Assert.Equal(entry.IdempotencyKey, approved.LedgerEntryKey);
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "cashier.refund.approve" && a.UserName == "manager"));
    }

    [Fact]
    public async Task ApproveAsync_ReversalOfARecharge_PostsTheExactOpposite()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        var recharge = await bed.RechargeAsync(bed.AccountIds[0], 88m, PaymentMethod.Transfer);
        var request = await bed.Refunds.RequestReversalAsync(CashierTestBed.Cashier, recharge.Receipt.LedgerEntryKey, "Wrong shop", null, CancellationToken.None);
        var duplicate = await Assert.ThrowsAsync<CashierRefusedException>(() =>
            bed.Refunds.RequestReversalAsync(CashierTestBed.Cashier2, recharge.Receipt.LedgerEntryKey, "Again", null, CancellationToken.None));

        await bed.Refunds.ApproveAsync(CashierTestBed.Manager, request.Id, null, null, CancellationToken.None);

        Assert.Equal("reversal-pending", duplicate.Code);
        Assert.Equal(0m, await bed.Bed.Ledger.BalanceAsync(bed.AccountIds[0], CancellationToken.None));
        await using var db = bed.Bed.Database.CreateDbContext();
        var reversal = await db.LedgerEntries.SingleAsync(e => e.Kind == LedgerEntryKind.Reversal);
        Assert.Equal(LedgerService.ReversalKey(recharge.Receipt.LedgerEntryKey), reversal.IdempotencyKey);
        Assert.Equal(-88m, reversal.Amount);
    }

    [Fact]
    public async Task RejectAsync_Manager_PostsNothingAndNeedsANote()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var request = await AskRefund(bed, 40m);

        var noNote = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.Refunds.RejectAsync(CashierTestBed.Manager, request.Id, " ", null, CancellationToken.None));
        var rejected = await bed.Refunds.RejectAsync(CashierTestBed.Manager, request.Id, "No contract end yet", null, CancellationToken.None);

        Assert.Equal("reason", noNote.Code);
        Assert.Equal(RefundRequestState.Rejected, rejected.State);
        Assert.Equal(100m, await bed.Bed.Ledger.BalanceAsync(bed.AccountIds[0], CancellationToken.None));
    }

    [Fact]
    public async Task RequestRefundAsync_AboveTheBalanceOrByAManager_IsRefused()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);

        var above = await Assert.ThrowsAsync<CashierRefusedException>(() => AskRefund(bed, 100.01m));
        await Assert.ThrowsAsync<PermissionDeniedException>(() => AskRefund(bed, 10m, CashierTestBed.Manager));

        Assert.Equal("refund-above-balance", above.Code);
        Assert.Equal([100.01m, 100m], above.Amounts);
        System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en");
        var l = new Microsoft.Extensions.Localization.StringLocalizer<Prepaid.App.Kernel.Localization.Strings>(
            new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
                Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()),
                Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance));
        Assert.Equal("The refund of ¥100.01 is more than the balance of ¥100.00.", above.Localize(l));
        await using var db = bed.Bed.Database.CreateDbContext();
        Assert.Equal(0, await db.RefundRequests.CountAsync());
    }

    [Fact]
    public async Task ApproveAsync_BalanceSpentSinceTheRequest_IsRefusedByTheLedger()
    {
        await using var bed = await CashierTestBed.CreateAsync();
        await bed.RechargeAsync(bed.AccountIds[0], 100m);
        var request = await AskRefund(bed, 80m);
        await bed.Bed.Ledger.PostAsync(new LedgerPosting(bed.AccountIds[0], LedgerEntryKind.EnergyCharge, -50m, "energy:1", "billing"), CancellationToken.None);

        var e = await Assert.ThrowsAsync<CashierRefusedException>(() => bed.Refunds.ApproveAsync(CashierTestBed.Manager, request.Id, null, null, CancellationToken.None));

        Assert.Equal("ledger", e.Code);
        await using var db = bed.Bed.Database.CreateDbContext();
        Assert.Equal(RefundRequestState.Pending, (await db.RefundRequests.SingleAsync()).State);
    }
}
