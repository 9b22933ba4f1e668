using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Accounts.Desk;

/// <summary>One movement of a cashier's day: a recharge (with its receipt) or an approved refund (with its voucher)
/// or reversal the cashier asked for.</summary>
public sealed record DayMovement(DateTimeOffset At, LedgerEntryKind Kind, PaymentMethod? Method, decimal Amount, string AccountNumber,
    string TenantName, string? ReceiptNumber, string EntryKey, string TenantNameEn = "", string? VoucherNumber = null)
{
    /// <summary>The tenant's name in the reader's language.</summary>
    public string LocalTenantName => TenantNames.Local(TenantName, TenantNameEn);
}

/// <summary>A cashier's day: every movement and the totals a close records.</summary>
public sealed record DaySummary(string Cashier, DateOnly Day, IReadOnlyList<DayMovement> Movements, CashierDayClose? Closed, int PendingRequests)
{
    public decimal RechargeTotal(PaymentMethod method) =>
        Movements.Where(m => m.Kind == LedgerEntryKind.Recharge && m.Method == method).Sum(m => m.Amount);

    public decimal RefundTotal => Movements.Where(m => m.Kind == LedgerEntryKind.Refund).Sum(m => m.Amount);

    public decimal ReversalTotal => Movements.Where(m => m.Kind == LedgerEntryKind.Reversal).Sum(m => m.Amount);

    public decimal Net => Movements.Sum(m => m.Amount);
}

/// <summary>
/// The day-end close per cashier: lists the recharges the cashier took and the refunds and reversals the cashier
/// asked for that were posted that site-local day, records the totals once, and from then on the cashier's
/// recharges and requests for that day are refused.
/// </summary>
public sealed class DayCloseService(IDbContextFactory<PrepaidDb> factory, ReceiptBook book, AuditLog audit, TimeProvider time)
{
    public async Task<DateOnly> TodayAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return SiteTime.Today(time.GetUtcNow(), await SiteTime.FirstSiteZoneAsync(db, cancellationToken));
    }

    public async Task<DaySummary> SummaryAsync(string cashier, DateOnly day, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
        var start = SiteTime.MidnightUtc(day, zone);
        var end = SiteTime.MidnightUtc(day.AddDays(1), zone);

        var recharges = await (
            from r in db.Receipts
            where r.IssuedBy == cashier && r.Day == day
            join a in db.Accounts on r.AccountId equals a.Id
            join t in db.Tenants on a.TenantId equals t.Id
            select new DayMovement(r.IssuedAt, LedgerEntryKind.Recharge, r.Method, r.Amount, a.Number, t.Name, r.Number, r.LedgerEntryKey, t.NameEn))
            .ToListAsync(cancellationToken);
        var decided = await (
            from q in db.RefundRequests
            where q.RequestedBy == cashier && q.State == RefundRequestState.Approved
            join e in db.LedgerEntries on q.LedgerEntryKey equals e.IdempotencyKey
            where e.OccurredAt >= start && e.OccurredAt < end
            join a in db.Accounts on q.AccountId equals a.Id
            join t in db.Tenants on a.TenantId equals t.Id
            select new DayMovement(e.OccurredAt, e.Kind, e.PaymentMethod, e.Amount, a.Number, t.Name, null, e.IdempotencyKey, t.NameEn, q.VoucherNumber))
            .ToListAsync(cancellationToken);
        var closed = await db.CashierDayCloses.AsNoTracking().SingleOrDefaultAsync(c => c.Cashier == cashier && c.Day == day, cancellationToken);
        var pending = await db.RefundRequests.CountAsync(q => q.RequestedBy == cashier && q.State == RefundRequestState.Pending, cancellationToken);
        return new DaySummary(cashier, day, [.. recharges.Concat(decided).OrderBy(m => m.At)], closed, pending);
    }

    /// <summary>Closes the signed-in cashier's day. Refused when already closed, for a future day, or while one of
    /// the cashier's requests still waits for a Manager.</summary>
    public async Task<CashierDayClose> CloseAsync(ClaimsPrincipal actor, DateOnly day, string? address, CancellationToken cancellationToken)
    {
        actor.Demand(Permission.Recharge);
        var cashier = actor.Identity!.Name!;
        if (day > await TodayAsync(cancellationToken))
        {
            throw new CashierRefusedException("future-day", $"The day {day:yyyy-MM-dd} has not started yet.");
        }

        using (await book.EnterAsync(cancellationToken))
        {
            var summary = await SummaryAsync(cashier, day, cancellationToken);
            if (summary.Closed is not null)
            {
                throw new CashierRefusedException("already-closed", $"{cashier} already closed {day:yyyy-MM-dd} at {summary.Closed.ClosedAt:u}.");
            }

            if (summary.PendingRequests > 0)
            {
                throw new CashierRefusedException("pending-requests", $"{summary.PendingRequests} of {cashier}'s requests still wait for a manager; they must be decided first.");
            }

            var close = new CashierDayClose
            {
                Cashier = cashier, Day = day, ClosedAt = time.GetUtcNow(),
                CashTotal = summary.RechargeTotal(PaymentMethod.Cash), BankCardTotal = summary.RechargeTotal(PaymentMethod.BankCard),
                TransferTotal = summary.RechargeTotal(PaymentMethod.Transfer), RefundTotal = summary.RefundTotal,
                ReversalTotal = summary.ReversalTotal, MovementCount = summary.Movements.Count,
            };
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            db.CashierDayCloses.Add(close);
            await db.SaveChangesAsync(cancellationToken);
            await audit.WriteAsync(AuditKind.FinancialEntry, "cashier.day-close", cashier, address, $"cashier-day:{cashier}:{day:yyyy-MM-dd}",
                after: new { close.Day, close.CashTotal, close.BankCardTotal, close.TransferTotal, close.RefundTotal, close.ReversalTotal, close.MovementCount },
                cancellationToken: cancellationToken);
            return close;
        }
    }
}
