using System.Globalization;
using Prepaid.App.Sharing;
using Prepaid.App.Kernel.Pdf;
using Prepaid.Domain.Billing;

using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports.Sources;
namespace Prepaid.App.Sharing;

/// <summary>
/// The public-area sharing statement of a month: for every stored sharing run (one per rule), the pool meters with
/// their consumption and cost, then each tenant's key value, share, exact and charged amount. Read from the stored
/// runs (nothing is recomputed), so the statement shows what was charged.
/// </summary>
internal sealed class SharingStatementReportSource(SharingStatementQuery query) : IReportSource
{
    public bool Handles(ReportKind kind) => kind == ReportKind.SharingStatement;

    public async Task<ReportDocument> BuildAsync(ReportContext c, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var from = new BillingMonth(c.Period.Start.Year, c.Period.Start.Month);
        var to = new BillingMonth(c.Period.End.Year, c.Period.End.Month);
        var runs = await query.ForMonthsAsync(from, to, cancellationToken);
        progress?.Report(0.6);
        var t = c.Text;
        var doc = c.NewDocument(PageOrientation.Landscape);
        doc.Tables.Add(Summary(c, runs));
        foreach (var run in runs)
        {
            var caption = t.Format("Reports.Sharing.RunCaption", run.RuleName, $"{run.Month:yyyy-MM}", t["Reports.SharingKey." + run.Key]);
            doc.Tables.Add(PoolTable(c, run, caption));
            doc.Tables.Add(TenantTable(c, run));
        }

        doc.Tables.Add(c.Notes("Reports.Note.Sharing"));
        return doc;
    }

    private static ReportTable Summary(ReportContext c, IReadOnlyList<SharingStatement> runs)
    {
        var t = c.Text;
        var table = new ReportTable(t["Reports.Sharing.Summary"],
        [
            c.Column("Reports.Col.Rule", ReportColumnKind.Text, 2),
            c.Column("Reports.Col.Month", ReportColumnKind.Text, 0.8),
            c.Column("Reports.Col.Key", ReportColumnKind.Text, 1.5),
            c.Column("Reports.Col.PoolQuantity", ReportColumnKind.Quantity, 1.1),
            c.Column("Reports.Col.Pool", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.LossAllowance", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.NetPool", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.Allocated", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.Unallocated", ReportColumnKind.Money, 1.1),
            c.Column("Reports.Col.Status", ReportColumnKind.Text, 1.4),
        ])
        { EmptyText = t["Reports.Sharing.NoRuns"] };
        foreach (var r in runs)
        {
            var status = r.Error is { } error ? error : r.CompletedAt is not null ? t["Reports.Sharing.Completed"] : t["Reports.Sharing.Pending"];
            table.AddRow(r.RuleName, $"{r.Month:yyyy-MM}", t["Reports.SharingKey." + r.Key], r.PoolQuantity, r.Pool, r.LossAllowance, r.NetPool,
                r.Allocated, r.Unallocated, status);
        }

        table.AddTotal(t.Format("Reports.TotalCount", runs.Count), null, null, runs.Sum(r => r.PoolQuantity), runs.Sum(r => r.Pool),
            runs.Sum(r => r.LossAllowance), runs.Sum(r => r.NetPool), runs.Sum(r => r.Allocated), runs.Sum(r => r.Unallocated), null);
        return table;
    }

    private static ReportTable PoolTable(ReportContext c, SharingStatement run, string caption)
    {
        var t = c.Text;
        var table = new ReportTable(caption + " · " + t["Reports.Sharing.PoolMeters"],
        [
            c.Column("Reports.Col.Meter", ReportColumnKind.Text, 2),
            c.Column("Reports.Col.Consumption", ReportColumnKind.Quantity, 1.2),
            c.Column("Reports.Col.Cost", ReportColumnKind.Money, 1.2),
        ])
        { EmptyText = t["Reports.Empty.PoolMeters"] };
        foreach (var m in run.Meters)
        {
            table.AddRow(m.MeterName, m.Quantity, m.Amount);
        }

        table.AddTotal(t["Reports.Total"], run.Meters.Sum(m => m.Quantity), run.Meters.Sum(m => m.Amount));
        return table;
    }

    private static ReportTable TenantTable(ReportContext c, SharingStatement run)
    {
        var t = c.Text;
        var table = new ReportTable(t["Reports.Sharing.Tenants"],
        [
            c.Column("Reports.Col.Unit", ReportColumnKind.Text, 0.8),
            c.Column("Reports.Col.Shop", ReportColumnKind.Text, 2.2),
            c.Column("Reports.Col.KeyValue", ReportColumnKind.Quantity, 1.1),
            c.Column("Reports.Col.Share", ReportColumnKind.Figure, 1.1),
            c.Column("Reports.Col.ExactAmount", ReportColumnKind.Figure, 1.2),
            c.Column("Reports.Col.Charged", ReportColumnKind.Money, 1),
            c.Column("Reports.Col.Status", ReportColumnKind.Text, 1.6),
        ])
        { EmptyText = t["Reports.Empty.SharingTenants"] };
        foreach (var line in run.Lines)
        {
            var status = line.Reason ?? (line.Posted ? t["Reports.Sharing.Posted"] : t["Reports.Sharing.NotPosted"]);
            table.AddRow(line.UnitNumber, t.IsChinese ? line.TenantName : line.TenantNameEn, line.KeyValue, Exact(line.Share), Exact(line.ExactAmount),
                line.Amount, status);
        }

        // The charges plus what the landlord carries make the net pool; the loss allowance makes up the rest of the pool.
        table.AddTotal(t.Format("Reports.TotalCount", run.Lines.Count), null, run.Lines.Sum(l => l.KeyValue), Exact(run.Lines.Sum(l => l.Share)),
            Exact(run.Lines.Sum(l => l.ExactAmount)), run.Lines.Sum(l => l.Amount), null);
        table.AddTotal(t["Reports.Col.Unallocated"], null, null, null, null, run.Unallocated, null);
        table.AddTotal(t["Reports.Col.LossAllowance"], null, null, null, null, run.LossAllowance, null);
        table.AddTotal(t["Reports.Col.Pool"], null, null, null, null, run.Lines.Sum(l => l.Amount) + run.Unallocated + run.LossAllowance, null);
        return table;
    }

    /// <summary>Shares and exact amounts keep their 8 stored decimals (the money format stops at 4).</summary>
    private static string Exact(decimal value) => value.ToString("#,##0.00######", CultureInfo.InvariantCulture);
}
