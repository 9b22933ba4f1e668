using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Tests.Identity;
using Prepaid.App.Tests.Kernel.Ledger;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Tests.Accounts.Desk;

/// <summary>The ledger test bed plus the desk's services over it, and principals for each role.</summary>
internal sealed class CashierTestBed : IAsyncDisposable
{
    public static readonly ClaimsPrincipal Cashier = AccessMatrixTests.Principal("cashier", Roles.Finance);
    public static readonly ClaimsPrincipal Cashier2 = AccessMatrixTests.Principal("cashier2", Roles.Finance);
    public static readonly ClaimsPrincipal Manager = AccessMatrixTests.Principal("manager", Roles.Manager);
    public static readonly ClaimsPrincipal Manager2 = AccessMatrixTests.Principal("manager2", Roles.Manager);
    public static readonly ClaimsPrincipal Admin = AccessMatrixTests.Principal("admin", Roles.Administrator);
    public static readonly ClaimsPrincipal Electrician = AccessMatrixTests.Principal("electrician", Roles.DutyElectrician);

    private CashierTestBed(LedgerTestBed ledger)
    {
        Bed = ledger;
        var audit = new AuditLog(ledger.Database, ledger.Clock);
        Book = new ReceiptBook();
        Recharges = new RechargeService(ledger.Database, ledger.Ledger, Book, audit, ledger.Clock, [], Microsoft.Extensions.Logging.Abstractions.NullLogger<RechargeService>.Instance);
        Refunds = new RefundService(ledger.Database, ledger.Ledger, Book, audit, ledger.Clock);
        DayClose = new DayCloseService(ledger.Database, Book, audit, ledger.Clock);
        Receipts = new ReceiptQuery(ledger.Database);
    }

    public LedgerTestBed Bed { get; }
    public ReceiptBook Book { get; }
    public RechargeService Recharges { get; }
    public RefundService Refunds { get; }
    public DayCloseService DayClose { get; }
    public ReceiptQuery Receipts { get; }
    public IReadOnlyList<int> AccountIds => Bed.AccountIds;

    public static async Task<CashierTestBed> CreateAsync(int accounts = 1, decimal? hoardingLimit = null)
    {
        var bed = await LedgerTestBed.CreateAsync(accounts);
        if (hoardingLimit is not null)
        {
            await using var db = bed.Database.CreateDbContext();
            await db.Sites.ExecuteUpdateAsync(s => s.SetProperty(x => x.HoardingLimit, hoardingLimit));
        }

        return new CashierTestBed(bed);
    }

    public Task<RechargeOutcome> RechargeAsync(int accountId, decimal amount, PaymentMethod method = PaymentMethod.Cash, ClaimsPrincipal? by = null, string? orderKey = null) =>
        Recharges.RechargeAsync(by ?? Cashier, accountId, amount, method, orderKey ?? RechargeService.NewOrderKey(), "127.0.0.1", CancellationToken.None);

    public ValueTask DisposeAsync() => Bed.DisposeAsync();
}
