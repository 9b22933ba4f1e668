using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Accounts.Desk;

/// <summary>What a recharge did: its receipt, whether this call took the money (false for a retry of the same
/// order) and the balance after.</summary>
public sealed record RechargeOutcome(Receipt Receipt, bool Appended, decimal BalanceAfter);

/// <summary>
/// Recharges at the desk. The order key is generated when the form opens: the ledger entry's idempotency key is
/// derived from it, so a double click or a retry after a timeout returns the first receipt and never takes the
/// money twice. The hoarding limit is checked under the account's gate by the ledger's precondition, and the
/// receipt is written in the same transaction as the entry.
/// </summary>
public sealed class RechargeService(
    IDbContextFactory<PrepaidDb> factory,
    LedgerService ledger,
    ReceiptBook book,
    AuditLog audit,
    TimeProvider time,
    IEnumerable<IPaymentPlanner> planners,
    ILogger<RechargeService> logger)
{
    public const string CauseType = "recharge-order";

    public static string EntryKey(string orderKey) => "recharge:" + orderKey;

    /// <summary>A fresh order key for a recharge form.</summary>
    public static string NewOrderKey() => Guid.NewGuid().ToString("N");

    /// <param name="waterAmount">The water amount the cashier named for the tenant (electricity takes the rest of what
    /// goes to the meters), or null for the split rule's; re-checked here against the planner's limits, never trusted.</param>
    public async Task<RechargeOutcome> RechargeAsync(ClaimsPrincipal actor, int accountId, decimal amount, PaymentMethod method,
        string orderKey, string? address, CancellationToken cancellationToken, decimal? waterAmount = null)
    {
        actor.Demand(Permission.Recharge);
        DeskRules.OrderKey(orderKey);
        DeskRules.Amount(amount);
        DeskRules.Method(method);
        var cashier = actor.Identity!.Name!;

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var previous = await db.Receipts.AsNoTracking().SingleOrDefaultAsync(r => r.OrderKey == orderKey, cancellationToken);
        if (previous is not null)
        {
            return await Replay(previous, accountId, amount, method, waterAmount, cancellationToken);
        }

        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new CashierRefusedException("account", $"No account with id {accountId}.");
        if (account.ClosedAt is not null)
        {
            throw new CashierRefusedException("account-closed", $"Account {account.Number} is closed.");
        }

        if (waterAmount is { } water)
        {
            await CheckWaterChoiceAsync(accountId, amount, water, cancellationToken);
        }

        var site = await db.Tenants.Where(t => t.Id == account.TenantId)
            .Join(db.Sites, t => t.SiteId, s => s.Id, (t, s) => new { s.TimeZoneId, s.HoardingLimit })
            .SingleAsync(cancellationToken);
        var zone = SiteTime.Zone(site.TimeZoneId);

        Receipt? receipt = null;
        LedgerPostResult result;
        using (await book.EnterAsync(cancellationToken))
        try
        {
            var day = SiteTime.Today(time.GetUtcNow(), zone);
            if (await db.CashierDayCloses.AnyAsync(c => c.Cashier == cashier && c.Day == day, cancellationToken))
            {
                throw new CashierRefusedException("day-closed", $"{cashier} has closed the day {day:yyyy-MM-dd}; no more money can be taken today.");
            }

            result = await ledger.PostAsync(
                new LedgerPosting(accountId, LedgerEntryKind.Recharge, amount, EntryKey(orderKey), cashier, method, CauseType, orderKey),
                cancellationToken,
                balance =>
                {
                    var check = RechargeRules.CheckHoardingLimit(balance, amount, site.HoardingLimit);
                    if (!check.Allowed)
                    {
                        throw new CashierRefusedException("hoarding",
                            $"A recharge of {amount} would take the balance of {balance:0.00} above the hoarding limit of {site.HoardingLimit:0.00}; at most {check.MaxAcceptable:0.00} can be accepted.",
                            balance, site.HoardingLimit ?? 0m, check.MaxAcceptable ?? 0m);
                    }
                },
                async (context, entry, ct) => receipt = await ReceiptBook.AddNextAsync(context, entry, orderKey, zone, ct, waterAmount));
        }
        catch (LedgerRuleException e)
        {
            throw new CashierRefusedException("ledger", e.Message);
        }

        if (!result.Appended || receipt is null)
        {
            // Another caller posted this order between our look-up and the post: answer as a retry.
            var stored = await db.Receipts.AsNoTracking().SingleAsync(r => r.OrderKey == orderKey, cancellationToken);
            return new RechargeOutcome(stored, false, result.BalanceAfter);
        }

        await PlanAsync(result.Entry, cancellationToken);
        await audit.WriteAsync(AuditKind.FinancialEntry, "cashier.recharge", cashier, address, $"account:{accountId}",
            after: new { receipt.Number, receipt.Amount, Method = method.ToString(), receipt.LedgerEntryKey, result.BalanceAfter, receipt.ChosenWaterAmount },
            cancellationToken: cancellationToken);
        return new RechargeOutcome(receipt, true, result.BalanceAfter);
    }

    /// <summary>Where the money goes is decided now, so the receipt can print it; the money is already taken, so a
    /// failure here is logged and left to the delivery's scan, which plans the payment the same way.</summary>
    private async Task PlanAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        foreach (var planner in planners)
        {
            try
            {
                await planner.PlanAsync(entry.Id, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Recharge {Key} of account {AccountId} was taken but not planned yet; the delivery scan will plan it", entry.IdempotencyKey, entry.AccountId);
            }
        }
    }

    /// <summary>
    /// The page's water amount is checked again here against the limits the planner gives now (the split rule's
    /// <c>ChoiceLimits</c>): a choice that would leave a meter below alarm amount 1 when the payment can lift both is
    /// refused before any money is taken. The planner checks it once more when it plans the payment.
    /// </summary>
    private async Task CheckWaterChoiceAsync(int accountId, decimal amount, decimal water, CancellationToken cancellationToken)
    {
        PaymentPreview? preview = null;
        foreach (var planner in planners)
        {
            preview ??= await planner.PreviewAsync(accountId, amount, water, cancellationToken);
        }

        if (preview?.Choice is not { } choice)
        {
            throw new CashierRefusedException("split-not-offered", $"Account {accountId} has no electricity and water meters whose split can be chosen.");
        }

        if (!Fen.IsWhole(water) || !choice.Allows(water))
        {
            throw new CashierRefusedException("split-out-of-range",
                $"A water amount of {water} is outside {choice.MinWater:0.00} to {choice.MaxWater:0.00} for a payment of {amount}.", water, choice.MinWater, choice.MaxWater);
        }
    }

    private async Task<RechargeOutcome> Replay(Receipt previous, int accountId, decimal amount, PaymentMethod method, decimal? waterAmount, CancellationToken cancellationToken)
    {
        if (previous.AccountId != accountId || previous.Amount != amount || previous.Method != method || previous.ChosenWaterAmount != waterAmount)
        {
            throw new CashierRefusedException("order-conflict",
                $"Order {previous.OrderKey} was already paid as {previous.Amount} by {previous.Method} on account {previous.AccountId} (receipt {previous.Number}); open a new recharge form.");
        }

        return new RechargeOutcome(previous, false, await ledger.BalanceAsync(previous.AccountId, cancellationToken));
    }
}
