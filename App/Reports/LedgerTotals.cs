using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Reports;

/// <summary>One account's money over a period, from its ledger entries: opening + movements = closing.</summary>
public sealed record AccountMoney(decimal Opening, decimal Recharges, decimal Charges, decimal Other)
{
    public static readonly AccountMoney None = new(0, 0, 0, 0);

    public decimal Closing => Opening + Recharges + Charges + Other;

    /// <summary>Consumption and fees: energy, water, property fee, public-area share.</summary>
    public static bool IsCharge(LedgerEntryKind kind) =>
        kind is LedgerEntryKind.EnergyCharge or LedgerEntryKind.WaterCharge or LedgerEntryKind.PropertyFee or LedgerEntryKind.PublicAreaShare;
}

/// <summary>Sums of the ledger per account and kind, computed by the database (exact on both providers).</summary>
internal static class LedgerTotals
{
    public static async Task<Dictionary<int, AccountMoney>> PerAccountAsync(
        PrepaidDb db, DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken)
    {
        var opening = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.OccurredAt < startUtc)
            .GroupBy(e => e.AccountId)
            .Select(g => new { AccountId = g.Key, Sum = g.Sum(e => e.Amount) })
            .ToDictionaryAsync(x => x.AccountId, x => x.Sum, cancellationToken);
        var movements = await PerAccountAndKindAsync(db, startUtc, endUtc, cancellationToken);

        var result = new Dictionary<int, AccountMoney>();
        foreach (var id in opening.Keys.Union(movements.Keys.Select(k => k.AccountId)))
        {
            decimal recharges = 0, charges = 0, other = 0;
            foreach (var kind in Enum.GetValues<LedgerEntryKind>())
            {
                var sum = movements.GetValueOrDefault((id, kind));
                if (kind == LedgerEntryKind.Recharge)
                {
                    recharges += sum;
                }
                else if (AccountMoney.IsCharge(kind))
                {
                    charges += sum;
                }
                else
                {
                    other += sum;
                }
            }

            result[id] = new AccountMoney(opening.GetValueOrDefault(id), recharges, charges, other);
        }

        return result;
    }

    public static async Task<Dictionary<(int AccountId, LedgerEntryKind Kind), decimal>> PerAccountAndKindAsync(
        PrepaidDb db, DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken)
    {
        var rows = await db.LedgerEntries.AsNoTracking()
            .Where(e => e.OccurredAt >= startUtc && e.OccurredAt < endUtc)
            .GroupBy(e => new { e.AccountId, e.Kind })
            .Select(g => new { g.Key.AccountId, g.Key.Kind, Sum = g.Sum(e => e.Amount), Count = g.Count() })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => (r.AccountId, r.Kind), r => r.Sum);
    }

    public static async Task<Dictionary<int, int>> RechargeCountsAsync(
        PrepaidDb db, DateTimeOffset startUtc, DateTimeOffset endUtc, CancellationToken cancellationToken) =>
        await db.LedgerEntries.AsNoTracking()
            .Where(e => e.OccurredAt >= startUtc && e.OccurredAt < endUtc && e.Kind == LedgerEntryKind.Recharge)
            .GroupBy(e => e.AccountId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
}
