using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Accounts.Desk;

/// <summary>
/// Refund and reversal requests. A cashier asks; a Manager who is not the requester approves (which posts the Refund
/// or Reversal entry through the ledger) or rejects with a note. Decisions go one at a time through a gate, and an
/// approval's entry has a key derived from the request, so a repeated approval posts nothing new.
/// </summary>
public sealed class RefundService(
    IDbContextFactory<PrepaidDb> factory,
    LedgerService ledger,
    ReceiptBook book,
    AuditLog audit,
    TimeProvider time)
{
    public const string CauseType = "refund-request";
    private readonly SemaphoreSlim _decisions = new(1, 1);

    public static string RefundKey(int requestId) => "refund-request:" + requestId;

    public async Task<RefundRequest> RequestRefundAsync(ClaimsPrincipal actor, int accountId, decimal amount, PaymentMethod method, string reason,
        string? address, CancellationToken cancellationToken, bool closesAccount = false)
    {
        actor.Demand(Permission.RequestRefund);
        DeskRules.Amount(amount);
        DeskRules.Method(method);
        var text = DeskRules.Reason(reason);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var account = await OpenAccount(db, accountId, cancellationToken);
        var balance = await ledger.BalanceAsync(accountId, cancellationToken);
        if (amount > balance)
        {
            throw new CashierRefusedException("refund-above-balance", $"A refund of {amount} is more than the balance of {balance:0.00} of account {account.Number}.",
                amount, balance);
        }

        if (await db.RefundRequests.AnyAsync(r => r.AccountId == accountId && r.State == RefundRequestState.Pending && r.Kind == LedgerEntryKind.Refund, cancellationToken))
        {
            throw new CashierRefusedException("refund-pending", $"Account {account.Number} already has a refund waiting for approval.");
        }

        return await AddAsync(db, actor, new RefundRequest
        {
            AccountId = accountId, Kind = LedgerEntryKind.Refund, Amount = amount, Method = method, Reason = text,
            RequestedBy = actor.Identity!.Name!, RequestedAt = time.GetUtcNow(), ClosesAccount = closesAccount,
        }, address, cancellationToken);
    }

    public async Task<RefundRequest> RequestReversalAsync(ClaimsPrincipal actor, string targetEntryKey, string reason, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.RequestRefund);
        var text = DeskRules.Reason(reason);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var target = await db.LedgerEntries.AsNoTracking().SingleOrDefaultAsync(e => e.IdempotencyKey == targetEntryKey, cancellationToken)
            ?? throw new CashierRefusedException("reversal-target", $"No entry with key '{targetEntryKey}'.");
        if (target.Kind is LedgerEntryKind.Reversal or LedgerEntryKind.OpeningBalance)
        {
            throw new CashierRefusedException("reversal-kind", $"A {target.Kind} cannot be reversed.");
        }

        await OpenAccount(db, target.AccountId, cancellationToken);
        // Refused now by the rule the approval's ledger post applies, rather than after a Manager looked at it.
        if ((await ReversalRefusalsAsync(db, [target], cancellationToken)).GetValueOrDefault(target.Id) is { } code)
        {
            throw new CashierRefusedException(code, $"Entry '{targetEntryKey}' cannot be reversed ({code}).");
        }

        return await AddAsync(db, actor, new RefundRequest
        {
            AccountId = target.AccountId, Kind = LedgerEntryKind.Reversal, Amount = target.Amount, Method = target.PaymentMethod,
            TargetEntryKey = targetEntryKey, Reason = text, RequestedBy = actor.Identity!.Name!, RequestedAt = time.GetUtcNow(),
        }, address, cancellationToken);
    }

    /// <summary>
    /// Why each of <paramref name="entries"/> cannot be sent for reversal, by entry id, as a "Cashier.Error.&lt;code&gt;" code:
    /// the ledger's own <see cref="ReversalRule"/> (already reversed, a reversal, a recharge a meter already took) and a
    /// reversal already waiting for approval. Entries missing from the answer can be sent.
    /// </summary>
    public async Task<IReadOnlyDictionary<long, string>> ReversalRefusalsAsync(IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ReversalRefusalsAsync(db, entries, cancellationToken);
    }

    private static async Task<IReadOnlyDictionary<long, string>> ReversalRefusalsAsync(PrepaidDb db, IReadOnlyCollection<LedgerEntry> entries, CancellationToken cancellationToken)
    {
        var refusals = (await ReversalRule.RefusalsAsync(db, entries, cancellationToken)).ToDictionary(r => r.Key, r => RefusalCode(r.Value));
        var keys = entries.Select(e => e.IdempotencyKey).ToList();
        var waiting = await db.RefundRequests.Where(r => r.State == RefundRequestState.Pending && keys.Contains(r.TargetEntryKey!))
            .Select(r => r.TargetEntryKey!).ToListAsync(cancellationToken);
        foreach (var entry in entries.Where(e => waiting.Contains(e.IdempotencyKey)))
        {
            refusals.TryAdd(entry.Id, "reversal-pending");
        }

        return refusals;
    }

    private static string RefusalCode(LedgerRule rule) => rule switch
    {
        LedgerRule.AlreadyReversed => "already-reversed",
        LedgerRule.ReversalOfDeliveredRecharge => "reversal-delivered",
        _ => "reversal-kind",
    };

    /// <summary>Approves a pending request and posts its entry.</summary>
    public async Task<RefundRequest> ApproveAsync(ClaimsPrincipal actor, int requestId, string? note, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.ApproveRefund);
        var manager = actor.Identity!.Name!;
        await _decisions.WaitAsync(cancellationToken);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var request = await Pending(db, requestId, manager, cancellationToken);
            var zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
            var day = SiteTime.Today(time.GetUtcNow(), zone);
            LedgerPostResult posted;
            // The refund leaves the requester's drawer today: it must land in a day that is still open.
            using (await book.EnterAsync(cancellationToken))
            {
                if (await db.CashierDayCloses.AnyAsync(c => c.Cashier == request.RequestedBy && c.Day == day, cancellationToken))
                {
                    throw new CashierRefusedException("requester-day-closed", $"{request.RequestedBy} has closed the day {day:yyyy-MM-dd}; approve the request tomorrow.");
                }

                var memo = $"{request.Reason} (requested by {request.RequestedBy}, request {request.Id})";
                // A closing refund must pay back the whole balance, or the account would close with money on it.
                Action<decimal>? whole = request.ClosesAccount
                    ? balance =>
                    {
                        if (balance != request.Amount)
                        {
                            throw new CashierRefusedException("closing-balance-changed",
                                $"The balance is now {balance:0.00}, not the {request.Amount:0.00} asked for; reject this request and close the account again.");
                        }
                    }
                    : null;
                // The refund's voucher number is taken in the transaction of its entry: a refused refund takes none.
                posted = request.Kind == LedgerEntryKind.Refund
                    ? await ledger.PostAsync(new LedgerPosting(request.AccountId, LedgerEntryKind.Refund, -request.Amount, RefundKey(request.Id), manager,
                        request.Method, CauseType, request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), memo), cancellationToken, whole,
                        async (context, entry, ct) => await RefundVouchers.AssignAsync(context, request.Id, entry, zone, ct))
                    : await ledger.ReverseAsync(request.TargetEntryKey!, manager, memo, cancellationToken);
            }

            var now = time.GetUtcNow();
            request.State = RefundRequestState.Approved;
            request.DecidedBy = manager;
            request.DecidedAt = now;
            request.DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
            request.LedgerEntryKey = posted.Entry.IdempotencyKey;
            if (request.Kind == LedgerEntryKind.Refund)
            {
                // Written with the entry above; read back so the caller sees it (also after a replayed approval).
                request.VoucherNumber = await db.RefundRequests.AsNoTracking().Where(r => r.Id == request.Id).Select(r => r.VoucherNumber).SingleAsync(cancellationToken);
            }

            if (request.ClosesAccount)
            {
                var account = await db.Accounts.SingleAsync(a => a.Id == request.AccountId, cancellationToken);
                account.ClosedAt = now;
                foreach (var meter in await db.Meters.Where(m => m.AccountId == request.AccountId).ToListAsync(cancellationToken))
                {
                    meter.AccountId = null;
                }
            }

            await db.SaveChangesAsync(cancellationToken);
            await audit.WriteAsync(AuditKind.FinancialEntry, $"cashier.{request.Kind.ToString().ToLowerInvariant()}.approve", manager, address,
                $"refund-request:{request.Id}", after: Snapshot(request, posted.BalanceAfter), cancellationToken: cancellationToken);
            return request;
        }
        catch (LedgerRuleException e)
        {
            throw new CashierRefusedException("ledger", e.Message);
        }
        finally
        {
            _decisions.Release();
        }
    }

    /// <summary>Rejects a pending request with a note; nothing is posted.</summary>
    public async Task<RefundRequest> RejectAsync(ClaimsPrincipal actor, int requestId, string note, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.ApproveRefund);
        var text = DeskRules.Reason(note);
        var manager = actor.Identity!.Name!;
        await _decisions.WaitAsync(cancellationToken);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var request = await Pending(db, requestId, manager, cancellationToken);
            request.State = RefundRequestState.Rejected;
            request.DecidedBy = manager;
            request.DecidedAt = time.GetUtcNow();
            request.DecisionNote = text;
            await db.SaveChangesAsync(cancellationToken);
            await audit.WriteAsync(AuditKind.FinancialEntry, $"cashier.{request.Kind.ToString().ToLowerInvariant()}.reject", manager, address,
                $"refund-request:{request.Id}", after: Snapshot(request, null), cancellationToken: cancellationToken);
            return request;
        }
        finally
        {
            _decisions.Release();
        }
    }

    private async Task<RefundRequest> AddAsync(PrepaidDb db, ClaimsPrincipal actor, RefundRequest request, string? address, CancellationToken cancellationToken)
    {
        var zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
        var day = SiteTime.Today(time.GetUtcNow(), zone);
        if (await db.CashierDayCloses.AnyAsync(c => c.Cashier == request.RequestedBy && c.Day == day, cancellationToken))
        {
            throw new CashierRefusedException("day-closed", $"{request.RequestedBy} has closed the day {day:yyyy-MM-dd}.");
        }

        db.RefundRequests.Add(request);
        await db.SaveChangesAsync(cancellationToken);
        await audit.WriteAsync(AuditKind.FinancialEntry, $"cashier.{request.Kind.ToString().ToLowerInvariant()}.request", actor.Identity!.Name!, address,
            $"refund-request:{request.Id}", after: Snapshot(request, null), cancellationToken: cancellationToken);
        return request;
    }

    private static async Task<RefundRequest> Pending(PrepaidDb db, int requestId, string manager, CancellationToken cancellationToken)
    {
        var request = await db.RefundRequests.SingleOrDefaultAsync(r => r.Id == requestId, cancellationToken)
            ?? throw new CashierRefusedException("request", $"No request with id {requestId}.");
        if (request.State != RefundRequestState.Pending)
        {
            throw new CashierRefusedException("decided", $"Request {requestId} was already {request.State.ToString().ToLowerInvariant()} by {request.DecidedBy}.");
        }

        if (string.Equals(request.RequestedBy, manager, StringComparison.OrdinalIgnoreCase))
        {
            throw new CashierRefusedException("own-request", $"{manager} asked for request {requestId} and cannot decide it; another manager must.");
        }

        return request;
    }

    private static async Task<Account> OpenAccount(PrepaidDb db, int accountId, CancellationToken cancellationToken)
    {
        var account = await db.Accounts.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken)
            ?? throw new CashierRefusedException("account", $"No account with id {accountId}.");
        return account.ClosedAt is null ? account : throw new CashierRefusedException("account-closed", $"Account {account.Number} is closed.");
    }

    private static object Snapshot(RefundRequest r, decimal? balanceAfter) => new
    {
        r.Id, Kind = r.Kind.ToString(), r.AccountId, r.Amount, Method = r.Method?.ToString(), r.TargetEntryKey, r.Reason,
        r.RequestedBy, State = r.State.ToString(), r.DecidedBy, r.DecisionNote, r.LedgerEntryKey, r.VoucherNumber, BalanceAfter = balanceAfter,
    };
}
