using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Ledger;

/// <summary>
/// Whether an entry can still be reversed. The ledger applies it before it posts a reversal, and screens ask it
/// before they offer one, so a button is never offered that the ledger would refuse (one rule, not a copy).
/// </summary>
public static class ReversalRule
{
    /// <summary>Why <paramref name="target"/> cannot be reversed, or null when it can.</summary>
    /// <param name="target">The entry to undo.</param>
    /// <param name="reversed">It already has a reversal.</param>
    /// <param name="sentToMeter">A part of it went to a meter that holds the balance (meter billing).</param>
    public static LedgerRule? Refusal(LedgerEntry target, bool reversed, bool sentToMeter)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind == LedgerEntryKind.Reversal)
        {
            return LedgerRule.ReversalOfReversal;
        }

        if (reversed)
        {
            return LedgerRule.AlreadyReversed;
        }

        // Under meter billing the money of a recharge sits in the meter once its purchase was sent, and a meter takes no
        // negative purchase: the reversal is refused until the money is out (a refund of the balance, an operator's
        // decision). Parts not yet sent are cancelled by the delivery when it sees the reversal.
        return target.Kind == LedgerEntryKind.Recharge && sentToMeter ? LedgerRule.ReversalOfDeliveredRecharge : null;
    }

    /// <summary>The refusal of each of <paramref name="targets"/> that cannot be reversed, by entry id (two queries for a page).</summary>
    public static async Task<IReadOnlyDictionary<long, LedgerRule>> RefusalsAsync(PrepaidDb db, IReadOnlyCollection<LedgerEntry> targets, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(targets);
        var keys = targets.Select(t => t.IdempotencyKey).ToList();
        var ids = targets.Where(t => t.Kind == LedgerEntryKind.Recharge).Select(t => t.Id).ToList();
        var reversed = (await ReversedAmong(db, keys).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        var sent = (await SentToMeterAmong(db, ids).ToListAsync(cancellationToken)).ToHashSet();
        var refusals = new Dictionary<long, LedgerRule>();
        foreach (var target in targets)
        {
            if (Refusal(target, reversed.Contains(target.IdempotencyKey), sent.Contains(target.Id)) is { } rule)
            {
                refusals[target.Id] = rule;
            }
        }

        return refusals;
    }

    /// <summary>The keys among <paramref name="keys"/> that have a reversal.</summary>
    internal static IQueryable<string> ReversedAmong(PrepaidDb db, IReadOnlyCollection<string> keys) =>
        db.LedgerEntries.Where(e => e.Kind == LedgerEntryKind.Reversal && e.CauseType == LedgerService.ReversalCauseType && keys.Contains(e.CauseId!))
            .Select(e => e.CauseId!);

    /// <summary>The recharge entry ids among <paramref name="ids"/> with a part a meter took or was sent (a command exists,
    /// it was delivered, or it was gathered into an overdraft pay-off's purchase).</summary>
    internal static IQueryable<long> SentToMeterAmong(PrepaidDb db, IReadOnlyCollection<long> ids) =>
        db.RechargeDeliveries.Where(d => ids.Contains(d.LedgerEntryId)
                && (d.MeterCommandId != null || d.State == RechargeDeliveryState.Delivered
                    || (d.Detail != null && d.Detail.StartsWith(DeliveryMarks.OverdraftPrefix))))
            .Select(d => d.LedgerEntryId);
}
