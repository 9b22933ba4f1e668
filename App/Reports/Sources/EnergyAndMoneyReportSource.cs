using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.App.Reports.Pdf;
using Prepaid.Domain.Model;

namespace Prepaid.App.Reports.Sources;

/// <summary>
/// The combined energy and money report: per meter, the register at the period's opening and closing midnights
/// (daily freezes) and the consumption between; per account (on its first meter's row), the opening balance,
/// recharges, charges, other movements and closing balance, all from the ledger.
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
        var meters = await db.Meters.AsNoTracking()
            .Select(m => new { m.Id, m.Name, m.SerialNumber, m.Kind, m.Role, m.AccountId })
            .ToListAsync(cancellationToken);
        progress?.Report(0.6);

        var t = c.Text;
        var table = new ReportTable(null,
        [
            c.Column("Reports.Col.Meter", ReportColumnKind.Text, 1.3),
            c.Column("Reports.Col.Shop", ReportColumnKind.Text, 2),
            c.Column("Reports.Col.OpeningReading", ReportColumnKind.Quantity, 1.2),
            c.Column("Reports.Col.ClosingReading", ReportColumnKind.Quantity, 1.2),
            c.Column("Reports.Col.Consumption", ReportColumnKind.Quantity, 1.1),
            c.Column("Reports.Col.Account", ReportColumnKind.Text, 1),
            c.Column("Reports.Col.OpeningBalance", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.Recharged", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.Charges", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.OtherMovements", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.ClosingBalance", ReportColumnKind.Money, 1.1),
        ])
        { EmptyText = t["Reports.Empty.Meters"] };

        var totals = AccountMoney.None;
        // As in the shop purchases report, a consumption total is shown only when every shop meter of its kind has one:
        // a sum of the known meters alone would understate it.
        decimal? kwh = 0, m3 = 0;
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
            object?[] cells = [$"{m.Name} ({unit})", what, r.Opening, r.Closing, r.Consumption, account?.Number, null, null, null, null, null];
            if (account is not null && shown.Add(account.AccountId))
            {
                var a = money.GetValueOrDefault(account.AccountId) ?? AccountMoney.None;
                (cells[6], cells[7], cells[8], cells[9], cells[10]) = (a.Opening, a.Recharges, a.Charges, a.Other, a.Closing);
                totals = new AccountMoney(totals.Opening + a.Opening, totals.Recharges + a.Recharges, totals.Charges + a.Charges, totals.Other + a.Other);
            }

            table.AddRow(cells);
            if (m.Role == MeterRole.Tenant)
            {
                if (m.Kind == MeterKind.Water)
                {
                    m3 += r.Consumption;
                }
                else
                {
                    kwh += r.Consumption;
                }
            }
        }

        // Accounts with money but no meter (closed or not yet assigned) still belong in the balance totals.
        foreach (var (id, a) in money.Where(x => !shown.Contains(x.Key)).OrderBy(x => accounts.GetValueOrDefault(x.Key)?.Number, StringComparer.Ordinal))
        {
            var account = accounts.GetValueOrDefault(id);
            table.AddRow("", account is null ? "" : $"{account.Unit} {account.ShopName}", null, null, null, account?.Number, a.Opening, a.Recharges, a.Charges, a.Other, a.Closing);
            totals = new AccountMoney(totals.Opening + a.Opening, totals.Recharges + a.Recharges, totals.Charges + a.Charges, totals.Other + a.Other);
        }

        table.AddTotal(t["Reports.TotalShopsElectricity"], "", "", "", kwh, "", totals.Opening, totals.Recharges, totals.Charges, totals.Other, totals.Closing);
        table.AddTotal(t["Reports.TotalShopsWater"], "", "", "", m3, "", null, null, null, null, null);
        var doc = c.NewDocument(PageOrientation.Landscape);
        doc.Tables.Add(table);
        doc.Tables.Add(ShopPurchasesReportSource.Notes(c, "Reports.Note.Consumption", "Reports.Note.UnknownTotals", "Reports.Note.Balance"));
        return doc;
    }
}
