using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Accounts;

/// <summary>What opening an account did.</summary>
public sealed record OpenedAccount(Account Account, decimal TransferredBalance);

/// <summary>What closing an account did: closed at once (balance zero) or waiting for the refund's approval.</summary>
public sealed record ClosingOutcome(bool ClosedNow, RefundRequest? Refund, decimal Balance);

/// <summary>A meter's final reading taken from the live state when its account closes.</summary>
public sealed record FinalReading(int MeterId, string Meter, decimal? EnergyKwh, decimal? VolumeM3, decimal? RemainingYuan, DateTimeOffset? ReadAt);

/// <summary>
/// Opening and closing accounts. Opening assigns one or many tenant meters to a new account and may carry over the
/// balance of the tenant's old account: an Adjustment out of the old account and one into the new, each naming the
/// other's key, both idempotent so a retry completes a half-done transfer. Closing takes each meter's final reading
/// from the live state, refuses arrears, and settles a positive balance through a refund request; the Manager's
/// approval posts the refund, closes the account and frees its meters.
/// </summary>
public sealed class AccountLifecycle(
    IDbContextFactory<PrepaidDb> factory,
    LedgerService ledger,
    RefundService refunds,
    AuditLog audit,
    TimeProvider time)
{
    public const string TransferCauseType = "account-transfer";

    public static string TransferOutKey(int fromAccountId, int toAccountId) => $"transfer:{fromAccountId}->{toAccountId}:out";

    public static string TransferInKey(int fromAccountId, int toAccountId) => $"transfer:{fromAccountId}->{toAccountId}:in";

    public async Task<OpenedAccount> OpenAsync(ClaimsPrincipal actor, int tenantId, IReadOnlyCollection<int> meterIds, int? transferFromAccountId,
        string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.ManageAccounts);
        if (meterIds.Count == 0)
        {
            throw new AccountRefusedException("no-meters", "An account needs at least one meter.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tenant = await db.Tenants.AsNoTracking().SingleOrDefaultAsync(t => t.Id == tenantId, cancellationToken)
            ?? throw new AccountRefusedException("tenant", $"No tenant with id {tenantId}.");
        Account? old = null;
        if (transferFromAccountId is { } oldId)
        {
            old = await db.Accounts.SingleOrDefaultAsync(a => a.Id == oldId, cancellationToken)
                ?? throw new AccountRefusedException("old-account", $"No account with id {oldId}.");
            if (old.ClosedAt is not null)
            {
                throw new AccountRefusedException("old-account-closed", $"Account {old.Number} is already closed; its balance was settled.");
            }
        }

        var meters = await db.Meters.Where(m => meterIds.Contains(m.Id)).ToListAsync(cancellationToken);
        if (meters.Count != meterIds.Distinct().Count())
        {
            throw new AccountRefusedException("meter", "One of the meters does not exist.");
        }

        var openAccounts = await db.Accounts.Where(a => a.ClosedAt == null).Select(a => a.Id).ToListAsync(cancellationToken);
        foreach (var meter in meters)
        {
            if (meter.Role != MeterRole.Tenant || meter.Profile is not (MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase or MeterProfile.PrepaidWater))
            {
                throw new AccountRefusedException("meter-role", $"{meter.Name} is not a tenant's prepaid meter.");
            }

            if (meter.AccountId is { } current && current != old?.Id && openAccounts.Contains(current))
            {
                throw new AccountRefusedException("meter-taken", $"{meter.Name} draws on another open account; close that account or transfer from it.");
            }
        }

        var now = time.GetUtcNow();
        // The account it replaces keeps its amounts; a first account starts with the site's defaults.
        var defaults = old is null
            ? AccountDefaults.Of(await db.Sites.AsNoTracking().SingleOrDefaultAsync(s => s.Id == tenant.SiteId, cancellationToken))
            : new AccountDefaults(old.AlarmAmount1, old.AlarmAmount2, old.OverdraftLimit);
        var account = new Account
        {
            TenantId = tenantId,
            Number = await NextNumberAsync(db, cancellationToken),
            OpenedAt = now,
        };
        defaults.ApplyTo(account);
        db.Accounts.Add(account);
        await db.SaveChangesAsync(cancellationToken);
        foreach (var meter in meters)
        {
            meter.AccountId = account.Id;
        }

        await db.SaveChangesAsync(cancellationToken);
        var transferred = 0m;
        if (old is not null)
        {
            transferred = await TransferBalanceAsync(old.Id, account.Id, actor.Identity!.Name!, cancellationToken);
            if (!await db.Meters.AnyAsync(m => m.AccountId == old.Id, cancellationToken))
            {
                // Every meter moved and the balance went with them: the old account is replaced.
                old.ClosedAt = now;
                await db.SaveChangesAsync(cancellationToken);
            }
        }

        await audit.WriteAsync(AuditKind.FinancialEntry, "account.open", actor.Identity!.Name!, address, "account:" + account.Id.ToString(CultureInfo.InvariantCulture),
            after: new { account.Number, TenantId = tenantId, tenant.UnitNumber, Meters = meters.Select(m => m.Name).ToList(), TransferredFrom = old?.Number, Transferred = transferred },
            cancellationToken: cancellationToken);
        return new OpenedAccount(account, transferred);
    }

    /// <summary>Moves the whole balance of <paramref name="fromId"/> to <paramref name="toId"/> (once; a retry completes
    /// a transfer whose second half is missing). Returns the amount moved.</summary>
    public async Task<decimal> TransferBalanceAsync(int fromId, int toId, string user, CancellationToken cancellationToken)
    {
        var outKey = TransferOutKey(fromId, toId);
        var inKey = TransferInKey(fromId, toId);
        decimal amount;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var done = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.IdempotencyKey == outKey, cancellationToken);
            amount = done is null ? await ledger.BalanceAsync(fromId, cancellationToken) : -done.Amount;
        }

        if (amount == 0)
        {
            return 0m;
        }

        var note = $"Balance transferred from account {fromId} to account {toId}";
        await ledger.PostAsync(new LedgerPosting(fromId, LedgerEntryKind.Adjustment, -amount, outKey, user, null, TransferCauseType, inKey, note),
            cancellationToken, balance =>
            {
                // The balance moved between the read and the gate (a charge, a payment): read again rather than leave a remainder.
                if (balance != amount)
                {
                    throw new AccountRefusedException("balance-moved", $"The balance changed from {amount} to {balance} during the transfer; try again.");
                }
            });
        await ledger.PostAsync(new LedgerPosting(toId, LedgerEntryKind.Adjustment, amount, inKey, user, null, TransferCauseType, outKey, note), cancellationToken);
        return amount;
    }

    public async Task<ClosingOutcome> CloseAsync(ClaimsPrincipal actor, int accountId, PaymentMethod refundMethod, string reason, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.ManageAccounts);
        var text = reason?.Trim() ?? "";
        if (text.Length is 0 or > 500)
        {
            throw new AccountRefusedException("reason", "A reason of 1 to 500 characters is required.");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await db.Accounts.SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new AccountRefusedException("account", $"No account with id {accountId}.");
        if (account.ClosedAt is not null)
        {
            throw new AccountRefusedException("closed", $"Account {account.Number} is already closed.");
        }

        if (await db.RefundRequests.AnyAsync(r => r.AccountId == accountId && r.State == RefundRequestState.Pending, cancellationToken))
        {
            throw new AccountRefusedException("pending-request", $"Account {account.Number} has a request waiting for approval; it must be decided first.");
        }

        var finals = await FinalReadingsAsync(db, accountId, cancellationToken);
        var balance = await ledger.BalanceAsync(accountId, cancellationToken);
        if (balance < 0)
        {
            throw new AccountRefusedException("arrears", $"Account {account.Number} owes {-balance:0.00}; the tenant must pay before the account closes.");
        }

        RefundRequest? refund = null;
        if (balance > 0)
        {
            if (!Fen.IsWhole(balance))
            {
                throw new AccountRefusedException("fractional-balance", $"The balance {balance} has fractions of a fen; post an adjustment to the fen first.");
            }

            try
            {
                refund = await refunds.RequestRefundAsync(actor, accountId, balance, refundMethod, text, address, cancellationToken, closesAccount: true);
            }
            catch (CashierRefusedException e)
            {
                throw new AccountRefusedException(e.Code, e.Message);
            }
        }
        else
        {
            account.ClosedAt = time.GetUtcNow();
            await db.Meters.Where(m => m.AccountId == accountId).ExecuteUpdateAsync(s => s.SetProperty(m => m.AccountId, (int?)null), cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await audit.WriteAsync(AuditKind.FinancialEntry, "account.close", actor.Identity!.Name!, address, "account:" + accountId.ToString(CultureInfo.InvariantCulture),
            after: new { account.Number, Balance = balance, ClosedNow = refund is null, RefundRequest = refund?.Id, FinalReadings = finals, Reason = text },
            cancellationToken: cancellationToken);
        return new ClosingOutcome(refund is null, refund, balance);
    }

    /// <summary>Each meter's last good reading from the live state; a meter never read refuses the close.</summary>
    private static async Task<List<FinalReading>> FinalReadingsAsync(PrepaidDb db, int accountId, CancellationToken cancellationToken)
    {
        var meters = await db.Meters.AsNoTracking().Where(m => m.AccountId == accountId).ToListAsync(cancellationToken);
        var ids = meters.Select(m => m.Id).ToList();
        var live = await db.MeterLiveStates.AsNoTracking().Where(s => ids.Contains(s.MeterId)).ToDictionaryAsync(s => s.MeterId, cancellationToken);
        var finals = new List<FinalReading>();
        foreach (var meter in meters)
        {
            if (!live.TryGetValue(meter.Id, out var state) || state.LastGoodAt is null)
            {
                throw new AccountRefusedException("no-reading", $"{meter.Name} has no good reading yet; the final reading cannot be taken.");
            }

            finals.Add(new FinalReading(meter.Id, meter.Name, state.EnergyKwh, state.VolumeM3, state.RemainingYuan, state.LastGoodAt));
        }

        return finals;
    }

    private static async Task<string> NextNumberAsync(PrepaidDb db, CancellationToken cancellationToken)
    {
        var numbers = await db.Accounts.Select(a => a.Number).ToListAsync(cancellationToken);
        var last = numbers.Select(n => n.Length > 1 && n[0] == 'A' && int.TryParse(n.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0)
            .DefaultIfEmpty(0).Max();
        return string.Create(CultureInfo.InvariantCulture, $"A{last + 1:000000}");
    }
}
