using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Pdf;
using Prepaid.Domain.Model;

using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports.Sources;

/// <summary>
/// Per shop (account) over a period: purchases (recharges) and the consumption of its electricity and water
/// meters from the daily freezes, with what the ledger charged and, for meters that bill themselves, what the
/// meters deducted from their own remaining amounts. The ledger columns add up to the account's ledger movement in
/// the period (less opening balances posted in it); the money sent to meter-billed meters is its own column, and the
/// meters' deductions are not ledger entries and stand beside them.
/// </summary>
internal sealed class ShopPurchasesReportSource(IDbContextFactory<PrepaidDb> factory) : IReportSource
{
    public bool Handles(ReportKind kind) => kind == ReportKind.ShopPurchases;

    public async Task<ReportDocument> BuildAsync(ReportContext c, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (c.StartUtc, c.EndUtc);
        var accounts = await AccountDirectory.LoadAsync(db, c.Text, cancellationToken);
        var movements = await LedgerTotals.PerAccountAndKindAsync(db, start, end, cancellationToken);
        var counts = await LedgerTotals.RechargeCountsAsync(db, start, end, cancellationToken);
        progress?.Report(0.3);
        var readings = await MeterConsumption.LoadAsync(db, c.Period, cancellationToken);
        var deductions = await MeterDeductions.LoadAsync(db, start, end, cancellationToken);
        var meters = await db.Meters.AsNoTracking().Where(m => m.AccountId != null)
            .Select(m => new { m.Id, AccountId = m.AccountId!.Value, m.Kind, m.BillingMode }).ToListAsync(cancellationToken);
        progress?.Report(0.6);
        var metersByAccount = meters.ToLookup(m => m.AccountId);

        var table = new ReportTable(null,
        [
            c.Column("Reports.Col.Unit", ReportColumnKind.Text, 0.8),
            c.Column("Reports.Col.Shop", ReportColumnKind.Text, 1.75),
            c.Column("Reports.Col.Account", ReportColumnKind.Text, 1),
            c.Column("Reports.Col.RechargeCount", ReportColumnKind.Integer, 0.9),
            c.Column("Reports.Col.Recharged", ReportColumnKind.Money, 1.05),
            c.Column("Reports.Col.SentToMeters", ReportColumnKind.Money, 1.05),
            c.Column("Reports.Col.ElectricityKwh", ReportColumnKind.Quantity, 1.05),
            c.Column("Reports.Col.WaterM3", ReportColumnKind.Quantity, 0.9),
            c.Column("Reports.Col.EnergyCharges", ReportColumnKind.Money, 1.05),
            c.Column("Reports.Col.WaterCharges", ReportColumnKind.Money, 1),
            c.Column("Reports.Col.DeductedByMeters", ReportColumnKind.Money, 1.05),
            c.Column("Reports.Col.PropertyFee", ReportColumnKind.Money, 1),
            c.Column("Reports.Col.PublicAreaShare", ReportColumnKind.Money, 1),
            c.Column("Reports.Col.OtherMovements", ReportColumnKind.Money, 1),
        ])
        { EmptyText = c.Text["Reports.Empty.Accounts"] };

        int totalCount = 0;
        decimal recharged = 0, sent = 0, energy = 0, water = 0, property = 0, shares = 0, other = 0;
        // Like a shop's, the site's consumption total stays empty when any shop's is unknown: a partial sum would mislead.
        decimal? kwh = 0, m3 = 0, deducted = 0;
        var active = accounts.Values
            .Where(a => a.OpenedAt < end && (a.ClosedAt is null || a.ClosedAt >= start) || counts.ContainsKey(a.AccountId))
            .OrderBy(a => a.Unit, StringComparer.Ordinal).ThenBy(a => a.Number, StringComparer.Ordinal);
        foreach (var a in active)
        {
            decimal Sum(LedgerEntryKind kind) => movements.GetValueOrDefault((a.AccountId, kind));
            var rowRecharged = Sum(LedgerEntryKind.Recharge);
            var rowSent = Sum(LedgerEntryKind.MeterPurchase);
            var rowEnergy = Sum(LedgerEntryKind.EnergyCharge);
            var rowWater = Sum(LedgerEntryKind.WaterCharge);
            var rowProperty = Sum(LedgerEntryKind.PropertyFee);
            var rowShares = Sum(LedgerEntryKind.PublicAreaShare);
            // An opening balance posted in the period is where the account starts, not a purchase or a movement.
            var rowOther = Enum.GetValues<LedgerEntryKind>().Where(k => !LedgerTotals.Itemized.Contains(k)).Sum(Sum);
            var selfBilling = metersByAccount[a.AccountId].Where(m => m.BillingMode == BillingMode.Meter).Select(m => m.Id).ToList();
            var rowDeducted = selfBilling.Count == 0 ? null : Deducted(selfBilling, deductions);
            var rowKwh = Consumption(metersByAccount[a.AccountId].Where(m => m.Kind == MeterKind.Electricity).Select(m => m.Id), readings);
            var rowM3 = Consumption(metersByAccount[a.AccountId].Where(m => m.Kind == MeterKind.Water).Select(m => m.Id), readings);
            var rowCount = counts.GetValueOrDefault(a.AccountId);
            bool HasMeters(MeterKind kind) => metersByAccount[a.AccountId].Any(m => m.Kind == kind);
            table.AddRow(a.Unit, a.ShopName, a.Number, rowCount, rowRecharged, rowSent, rowKwh, rowM3, rowEnergy, rowWater, rowDeducted, rowProperty, rowShares, rowOther);
            totalCount += rowCount;
            recharged += rowRecharged;
            sent += rowSent;
            kwh = HasMeters(MeterKind.Electricity) ? kwh + rowKwh : kwh;
            m3 = HasMeters(MeterKind.Water) ? m3 + rowM3 : m3;
            deducted = selfBilling.Count == 0 ? deducted : deducted + rowDeducted;
            energy += rowEnergy;
            water += rowWater;
            property += rowProperty;
            shares += rowShares;
            other += rowOther;
        }

        table.AddTotal(c.Text["Reports.Total"], "", "", totalCount, recharged, sent, kwh, m3, energy, water, deducted, property, shares, other);
        var doc = c.NewDocument(PageOrientation.Landscape);
        doc.Tables.Add(table);
        doc.Tables.Add(c.Notes("Reports.Note.Consumption", "Reports.Note.UnknownTotals",
            "Reports.Note.MeterDeductions", "Reports.Note.OtherMovements"));
        return doc;
    }

    /// <summary>The sum over the meters, or null when none has both freezes, or any meter lacks one (a partial sum would mislead).</summary>
    private static decimal? Consumption(IEnumerable<int> meterIds, Dictionary<int, MeterReadings> readings)
    {
        decimal? total = null;
        foreach (var id in meterIds)
        {
            if (readings.GetValueOrDefault(id)?.Consumption is not { } value)
            {
                return null;
            }

            total = (total ?? 0) + value;
        }

        return total;
    }

    /// <summary>What the meters deducted together, or null when any of them is unknown.</summary>
    private static decimal? Deducted(IEnumerable<int> meterIds, Dictionary<int, MeterDeduction> deductions)
    {
        decimal total = 0;
        foreach (var id in meterIds)
        {
            if (deductions.GetValueOrDefault(id)?.Deducted is not { } value)
            {
                return null;
            }

            total += value;
        }

        return total;
    }
}
