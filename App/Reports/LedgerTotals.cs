using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Reports;

/// <summary>
/// One account's money over a period, from its ledger entries: opening + movements = closing. The opening is
/// everything before the period and an opening balance posted in it (an account opened during the period starts
/// there, it did not "move"). The movements are split by what they are: recharges, money sent to the account's
/// meters (meter billing), energy and water charges (platform billing), property fees, public-area shares, and the
/// rest (refunds, reversals, adjustments).
/// </summary>
public sealed record AccountMoney(decimal Opening, decimal Recharges, decimal SentToMeters, decimal EnergyWater, decimal PropertyFee, decimal PublicAreaShare, decimal Other)
{
    public static readonly AccountMoney None = new(0, 0, 0, 0, 0, 0, 0);

    public decimal Closing => Opening + Recharges + SentToMeters + EnergyWater + PropertyFee + PublicAreaShare + Other;

    public AccountMoney Plus(AccountMoney o) => new(Opening + o.Opening, Recharges + o.Recharges, SentToMeters + o.SentToMeters, EnergyWater + o.EnergyWater,
        PropertyFee + o.PropertyFee, PublicAreaShare + o.PublicAreaShare, Other + o.Other);
}

/// <summary>Sums of the ledger per account and kind, computed by the database (exact on both providers).</summary>
internal static class LedgerTotals
{
    /// <summary>The kinds reports show in their own columns (or, for opening balances, in the opening); every other kind is "other".</summary>
    public static readonly IReadOnlySet<LedgerEntryKind> Itemized = new HashSet<LedgerEntryKind>
    {
        LedgerEntryKind.OpeningBalance, LedgerEntryKind.Recharge, LedgerEntryKind.MeterPurchase, LedgerEntryKind.EnergyCharge, LedgerEntryKind.WaterCharge,
        LedgerEntryKind.PropertyFee, LedgerEntryKind.PublicAreaShare,
    };

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
            decimal Sum(params LedgerEntryKind[] kinds) => kinds.Sum(k => movements.GetValueOrDefault((id, k)));
            var other = Enum.GetValues<LedgerEntryKind>().Where(k => !Itemized.Contains(k)).ToArray();
            result[id] = new AccountMoney(opening.GetValueOrDefault(id) + Sum(LedgerEntryKind.OpeningBalance), Sum(LedgerEntryKind.Recharge),
                Sum(LedgerEntryKind.MeterPurchase), Sum(LedgerEntryKind.EnergyCharge, LedgerEntryKind.WaterCharge), Sum(LedgerEntryKind.PropertyFee),
                Sum(LedgerEntryKind.PublicAreaShare), Sum(other));
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
