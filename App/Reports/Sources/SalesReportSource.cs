using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Pdf;
using Prepaid.Domain.Model;

using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports.Sources;

/// <summary>
/// Daily and monthly sales. A sale is a money movement at the desk or online: recharges, refunds, and the
/// reversals of either (a reversal carries its target's payment method; reversals of charges have none and
/// are not sales). Totals are the sums of those ledger entries in the period.
/// </summary>
internal sealed class SalesReportSource(IDbContextFactory<PrepaidDb> factory) : IReportSource
{
    public bool Handles(ReportKind kind) => kind is ReportKind.DailySales or ReportKind.MonthlySales;

    private sealed record Sale(long Id, int AccountId, LedgerEntryKind Kind, decimal Amount, PaymentMethod? Method, DateTimeOffset At, string By, string? Note,
        string? ApprovedBy);

    private sealed record Sums(int Recharges, decimal Recharged, decimal Refunded, decimal Reversed)
    {
        public decimal Net => Recharged + Refunded + Reversed;

        public static Sums Of(IEnumerable<Sale> sales)
        {
            var list = sales as IReadOnlyCollection<Sale> ?? [.. sales];
            return new Sums(
                list.Count(s => s.Kind == LedgerEntryKind.Recharge),
                list.Where(s => s.Kind == LedgerEntryKind.Recharge).Sum(s => s.Amount),
                list.Where(s => s.Kind == LedgerEntryKind.Refund).Sum(s => s.Amount),
                list.Where(s => s.Kind == LedgerEntryKind.Reversal).Sum(s => s.Amount));
        }
    }

    public async Task<ReportDocument> BuildAsync(ReportContext c, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (c.StartUtc, c.EndUtc);
        // A refund or reversal asked for at the desk is posted by the approving manager but paid out of the
        // requesting cashier's drawer: it is counted for the requester, as in that cashier's day-end close.
        var sales = await (
            from e in db.LedgerEntries.AsNoTracking()
            where e.OccurredAt >= start && e.OccurredAt < end
                && (e.Kind == LedgerEntryKind.Recharge || e.Kind == LedgerEntryKind.Refund || (e.Kind == LedgerEntryKind.Reversal && e.PaymentMethod != null))
            join q in db.RefundRequests.AsNoTracking() on e.IdempotencyKey equals q.LedgerEntryKey into requests
            from q in requests.DefaultIfEmpty()
            orderby e.OccurredAt, e.Id
            select new Sale(e.Id, e.AccountId, e.Kind, e.Amount, e.PaymentMethod, e.OccurredAt, q != null ? q.RequestedBy : e.RecordedBy, e.Note,
                q != null ? e.RecordedBy : null))
            .ToListAsync(cancellationToken);
        // People are named as they are known at the desk (the display name), as on the receipts; the login stays in the journal.
        var people = await db.Users.AsNoTracking().Where(u => u.UserName != null)
            .Select(u => new { u.UserName, u.DisplayName }).ToDictionaryAsync(u => u.UserName!, u => u.DisplayName, cancellationToken);
        string Person(string login) => people.GetValueOrDefault(login) is { Length: > 0 } name ? name : login;
        sales = [.. sales.Select(s => s with { By = Person(s.By), ApprovedBy = s.ApprovedBy is { } approver ? Person(approver) : null })];
        progress?.Report(0.4);
        var accounts = await AccountDirectory.LoadAsync(db, c.Text, cancellationToken);
        progress?.Report(0.6);

        var doc = c.NewDocument(PageOrientation.Portrait);
        var t = c.Text;
        doc.Tables.Add(SumsTable(c, "Reports.Sales.ByMethod", "Reports.Col.PaymentMethod",
            Enum.GetValues<PaymentMethod>().Select(m => (t["Reports.PaymentMethod." + m], Sums.Of(sales.Where(s => s.Method == m)))), sales));
        doc.Tables.Add(SumsTable(c, "Reports.Sales.ByCashier", "Reports.Col.Cashier",
            sales.GroupBy(s => s.By).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => (g.Key, Sums.Of(g))), sales));
        if (c.Kind == ReportKind.MonthlySales)
        {
            var byDay = sales.ToLookup(s => SiteTime.Today(s.At, c.Zone));
            var days = Enumerable.Range(0, c.Period.Days).Select(c.Period.Start.AddDays);
            doc.Tables.Add(SumsTable(c, "Reports.Sales.ByDay", "Reports.Col.Date",
                days.Select(d => (d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Sums.Of(byDay[d]))), sales));
        }

        doc.Tables.Add(Movements(c, "Reports.Sales.RefundsAndReversals", sales.Where(s => s.Kind != LedgerEntryKind.Recharge), accounts, withKind: true));
        if (c.Kind == ReportKind.DailySales)
        {
            doc.Tables.Add(Movements(c, "Reports.Sales.Recharges", sales.Where(s => s.Kind == LedgerEntryKind.Recharge), accounts, withKind: false));
        }

        return doc;
    }

    private static ReportTable SumsTable(ReportContext c, string caption, string firstColumn, IEnumerable<(string Name, Sums Sums)> rows, List<Sale> all)
    {
        var table = new ReportTable(c.Text[caption],
        [
            c.Column(firstColumn, ReportColumnKind.Text, 2),
            c.Column("Reports.Col.RechargeCount", ReportColumnKind.Integer),
            c.Column("Reports.Col.Recharged", ReportColumnKind.Money, 1.3),
            c.Column("Reports.Col.Refunded", ReportColumnKind.Money, 1.3),
            c.Column("Reports.Col.Reversed", ReportColumnKind.Money, 1.3),
            c.Column("Reports.Col.Net", ReportColumnKind.Money, 1.3),
        ])
        { EmptyText = c.Text["Reports.Empty.Sales"] };
        foreach (var (name, s) in rows)
        {
            table.AddRow(name, s.Recharges, s.Recharged, s.Refunded, s.Reversed, s.Net);
        }

        var total = Sums.Of(all);
        table.AddTotal(c.Text["Reports.Total"], total.Recharges, total.Recharged, total.Refunded, total.Reversed, total.Net);
        return table;
    }

    private static ReportTable Movements(ReportContext c, string caption, IEnumerable<Sale> sales, Dictionary<int, AccountLine> accounts, bool withKind)
    {
        var t = c.Text;
        List<ReportColumn> columns =
        [
            c.Column("Reports.Col.Time", ReportColumnKind.Text, 2),
            c.Column("Reports.Col.Account", ReportColumnKind.Text, 1.1),
            c.Column("Reports.Col.Shop", ReportColumnKind.Text, 2.2),
        ];
        if (withKind)
        {
            columns.Add(c.Column("Reports.Col.Kind", ReportColumnKind.Text, 0.9));
        }

        columns.AddRange(
        [
            c.Column("Reports.Col.PaymentMethod", ReportColumnKind.Text, 1),
            c.Column("Reports.Col.Amount", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.Cashier", ReportColumnKind.Text, 1.1),
        ]);
        if (withKind)
        {
            columns.Add(c.Column("Reports.Col.Note", ReportColumnKind.Text, 1.6));
        }

        var table = new ReportTable(t[caption], columns) { EmptyText = t[withKind ? "Reports.Empty.RefundsAndReversals" : "Reports.Empty.Recharges"] };
        var total = 0m;
        var count = 0;
        foreach (var s in sales)
        {
            var account = accounts.GetValueOrDefault(s.AccountId);
            List<object?> cells =
            [
                c.Time(s.At),
                account?.Number ?? s.AccountId.ToString(CultureInfo.InvariantCulture),
                account is null ? "" : $"{account.Unit} {account.ShopName}",
            ];
            if (withKind)
            {
                cells.Add(t["Reports.LedgerKind." + s.Kind]);
            }

            cells.AddRange([s.Method is { } m ? t["Reports.PaymentMethod." + m] : "", s.Amount, s.By]);
            if (withKind)
            {
                cells.Add(s.ApprovedBy is { } manager ? $"{s.Note} {t.Format("Reports.Sales.ApprovedBy", manager)}" : s.Note);
            }

            table.AddRow([.. cells]);
            total += s.Amount;
            count++;
        }

        var totals = new object?[columns.Count];
        totals[0] = t.Format("Reports.TotalCount", count);
        totals[withKind ? 5 : 4] = total;
        table.AddTotal(totals);
        return table;
    }
}
