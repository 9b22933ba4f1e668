using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Pdf;
using Prepaid.Domain.Model;

using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports.Sources;

/// <summary>
/// The combined energy and money report: per meter, the register at the period's opening and closing midnights
/// (daily freezes) and the consumption between, and for a meter that bills itself what it deducted from its own
/// remaining amount and what it held at the closing; per account (on its first meter's row), the platform account's
/// opening, recharges, money sent to its meters, energy and water charges, property fees, public-area shares, other
/// movements and closing, all from the ledger, and the closing money: the platform account plus what its meters held.
/// </summary>
internal sealed class EnergyAndMoneyReportSource(IDbContextFactory<PrepaidDb> factory) : IReportSource
{
    public bool Handles(ReportKind kind) => kind == ReportKind.EnergyAndMoney;

    public async Task<ReportDocument> BuildAsync(ReportContext c, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var accounts = await AccountDirectory.LoadAsync(db, c.Text, cancellationToken);
        var money = await LedgerTotals.PerAccountAsync(db, c.StartUtc, c.EndUtc, cancellationToken);
        progress?.Report(0.3);
        var readings = await MeterConsumption.LoadAsync(db, c.Period, cancellationToken);
        var deductions = await MeterDeductions.LoadAsync(db, c.StartUtc, c.EndUtc, cancellationToken);
        var meters = await db.Meters.AsNoTracking()
            .Select(m => new { m.Id, m.Name, m.SerialNumber, m.Kind, m.Role, m.AccountId, m.BillingMode })
            .ToListAsync(cancellationToken);
        progress?.Report(0.6);

        var t = c.Text;
        var table = new ReportTable(null,
        [
            c.Column("Reports.Col.Meter", ReportColumnKind.Text, 1.0),
            c.Column("Reports.Col.Shop", ReportColumnKind.Text, 1.35),
            c.Column("Reports.Col.OpeningReading", ReportColumnKind.Quantity, 0.95),
            c.Column("Reports.Col.ClosingReading", ReportColumnKind.Quantity, 0.95),
            c.Column("Reports.Col.Consumption", ReportColumnKind.Quantity, 1.3),
            c.Column("Reports.Col.DeductedByMeters", ReportColumnKind.Money, 0.9),
            c.Column("Reports.Col.InMeterClosing", ReportColumnKind.Money, 0.9),
            c.Column("Reports.Col.Account", ReportColumnKind.Text, 0.9),
            c.Column("Reports.Col.OpeningBalance", ReportColumnKind.Money, 1.0),
            c.Column("Reports.Col.Recharged", ReportColumnKind.Money, 1.05),
            c.Column("Reports.Col.SentToMeters", ReportColumnKind.Money, 0.9),
            c.Column("Reports.Col.EnergyWaterCharges", ReportColumnKind.Money, 1.0),
            c.Column("Reports.Col.PropertyFee", ReportColumnKind.Money, 0.95),
            c.Column("Reports.Col.PublicAreaShare", ReportColumnKind.Money, 0.95),
            c.Column("Reports.Col.OtherMovements", ReportColumnKind.Money, 1.05),
            c.Column("Reports.Col.ClosingBalance", ReportColumnKind.Money, 1.0),
            c.Column("Reports.Col.ClosingMoney", ReportColumnKind.Money, 1.0),
        ])
        { EmptyText = t["Reports.Empty.Meters"] };

        var totals = AccountMoney.None;
        decimal? closingMoney = 0;
        var selfBilling = meters.Where(m => m.BillingMode == BillingMode.Meter && m.AccountId is not null).ToLookup(m => m.AccountId!.Value, m => m.Id);
        // As in the shop purchases report, a consumption total is shown only when every shop meter of its kind has one:
        // a sum of the known meters alone would understate it.
        decimal? kwh = 0, m3 = 0;
        // The same rule for what the shops' meters deducted: one unknown leaves the total empty.
        decimal? kwhDeducted = 0, m3Deducted = 0;
        var shown = new HashSet<int>();
        var ordered = meters
            .OrderBy(m => m.AccountId is { } a && accounts.TryGetValue(a, out var line) ? 0 : 1)
            .ThenBy(m => m.AccountId is { } a && accounts.TryGetValue(a, out var line) ? line.Number : "", StringComparer.Ordinal)
            .ThenBy(m => m.Role).ThenBy(m => m.Name, StringComparer.Ordinal);
        foreach (var m in ordered)
        {
            var r = readings.GetValueOrDefault(m.Id) ?? new MeterReadings(null, null);
            var unit = t[m.Kind == MeterKind.Water ? "Reports.Unit.M3" : "Reports.Unit.Kwh"];
            var account = m.AccountId is { } id ? accounts.GetValueOrDefault(id) : null;
            var what = account is not null ? $"{account.Unit} {account.ShopName}" : t["Reports.MeterRole." + m.Role];
            var deducted = m.BillingMode == BillingMode.Meter ? deductions.GetValueOrDefault(m.Id)?.Deducted : null;
            var held = m.BillingMode == BillingMode.Meter ? deductions.GetValueOrDefault(m.Id)?.Closing : null;
            object?[] cells = [$"{m.Name} ({unit})", what, r.Opening, r.Closing, r.Consumption, deducted, held, account?.Number, .. Money(null, null)];
            if (account is not null && shown.Add(account.AccountId))
            {
                var a = money.GetValueOrDefault(account.AccountId) ?? AccountMoney.None;
                var whole = ClosingMoney(a, selfBilling[account.AccountId], deductions);
                Money(a, whole).CopyTo(cells, 8);
                totals = totals.Plus(a);
                closingMoney += whole;
            }

            table.AddRow(cells);
            if (m.Role == MeterRole.Tenant)
            {
                var billsItself = m.BillingMode == BillingMode.Meter;
                if (m.Kind == MeterKind.Water)
                {
                    m3 += r.Consumption;
                    m3Deducted = billsItself ? m3Deducted + deducted : m3Deducted;
                }
                else
                {
                    kwh += r.Consumption;
                    kwhDeducted = billsItself ? kwhDeducted + deducted : kwhDeducted;
                }
            }
        }

        // Accounts with money but no meter (closed or not yet assigned) still belong in the balance totals.
        foreach (var (id, a) in money.Where(x => !shown.Contains(x.Key)).OrderBy(x => accounts.GetValueOrDefault(x.Key)?.Number, StringComparer.Ordinal))
        {
            var account = accounts.GetValueOrDefault(id);
            table.AddRow(["", account is null ? "" : $"{account.Unit} {account.ShopName}", null, null, null, null, null, account?.Number, .. Money(a, a.Closing)]);
            totals = totals.Plus(a);
            closingMoney += a.Closing;
        }

        table.AddTotal([t["Reports.TotalShopsElectricity"], "", "", "", kwh, kwhDeducted, null, "", .. Money(totals, closingMoney)]);
        table.AddTotal([t["Reports.TotalShopsWater"], "", "", "", m3, m3Deducted, null, "", .. Money(null, null)]);
        var doc = c.NewDocument(PageOrientation.Landscape);
        doc.Tables.Add(table);
        var notes = c.Notes("Reports.Note.Consumption", "Reports.Note.UnknownTotals", "Reports.Note.BalanceSplit",
            "Reports.Note.MeterDeductions", "Reports.Note.ClosingMoney", "Reports.Note.OtherMovements");
        if (MeterConsumption.ReadingsBeginOn(readings.Values) is { } begin)
        {
            // A period that starts before the first readings says so, instead of leaving the openings blank.
            notes.AddRow(t.Format("Reports.Note.ReadingsBegin", begin.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        }

        doc.Tables.Add(notes);
        return doc;
    }

    /// <summary>The account's platform money at the closing plus what its self-billing meters held then; null when one is unknown.</summary>
    private static decimal? ClosingMoney(AccountMoney a, IEnumerable<int> selfBilling, Dictionary<int, MeterDeduction> deductions)
    {
        decimal? whole = a.Closing;
        foreach (var id in selfBilling)
        {
            whole += deductions.GetValueOrDefault(id)?.Closing;
        }

        return whole;
    }

    /// <summary>The money cells of an account, in column order; all empty for a row that is not the account's first.</summary>
    private static object?[] Money(AccountMoney? a, decimal? closingMoney) => a is null
        ? [null, null, null, null, null, null, null, null, null]
        : [a.Opening, a.Recharges, a.SentToMeters, a.EnergyWater, a.PropertyFee, a.PublicAreaShare, a.Other, a.Closing, closingMoney];
}
