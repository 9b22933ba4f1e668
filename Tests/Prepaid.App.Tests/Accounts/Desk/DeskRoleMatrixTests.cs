
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Identity;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Accounts.Desk;

/// <summary>Every desk action called straight on the services (no page in front) by every role: what the permission
/// table forbids is refused on the server and posts nothing.</summary>
public sealed class DeskRoleMatrixTests
{
    public static TheoryData<string> AllRoles() => [.. Roles.All];

    [Theory]
    [MemberData(nameof(AllRoles))]
    public async Task DeskActions_ByRole_AreAllowedOrRefusedAsTheTableSays(string role)
    {
        await using var bed = await CashierTestBed.CreateAsync();
        var account = bed.AccountIds[0];
        var recharge = await bed.RechargeAsync(account, 60m);
        var other = await bed.RechargeAsync(account, 40m);
        var refund = await bed.Refunds.RequestRefundAsync(CashierTestBed.Cashier, account, 10m, PaymentMethod.Cash, "Overpaid", null, CancellationToken.None);
        var toReject = await bed.Refunds.RequestReversalAsync(CashierTestBed.Cashier, recharge.Receipt.LedgerEntryKey, "Wrong account", null, CancellationToken.None);
        var actor = AccessMatrixTests.Principal("someone", role);
        bool Allowed(Permission p) => RolePermissions.Allows([role], p);

        await Expect(Allowed(Permission.Recharge), () => bed.DayClose.CloseAsync(actor, new DateOnly(2026, 11, 19), null, CancellationToken.None));
        await Expect(Allowed(Permission.Recharge), () => bed.RechargeAsync(account, 5m, by: actor));
        await Expect(Allowed(Permission.ApproveRefund), () => bed.Refunds.ApproveAsync(actor, refund.Id, null, null, CancellationToken.None));
        await Expect(Allowed(Permission.ApproveRefund), () => bed.Refunds.RejectAsync(actor, toReject.Id, "Not needed", null, CancellationToken.None));
        await Expect(Allowed(Permission.RequestRefund), () => bed.Refunds.RequestReversalAsync(actor, other.Receipt.LedgerEntryKey, "Wrong amount", null, CancellationToken.None));

        // What was refused left the balance alone: 100 in, plus 5 and minus 10 only where allowed (requests post nothing).
        var expected = 100m + (Allowed(Permission.Recharge) ? 5m : 0m) - (Allowed(Permission.ApproveRefund) ? 10m : 0m);
        Assert.Equal(expected, await bed.Bed.Ledger.BalanceAsync(account, CancellationToken.None));
    }

    private static async Task Expect(bool allowed, Func<Task> action)
    {
        if (allowed)
        {
            await action();
        }
        else
        {
            await Assert.ThrowsAsync<PermissionDeniedException>(action);
        }
    }
}
