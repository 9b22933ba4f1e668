using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Losses;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Pdf;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
using Prepaid.App.Reports.Sources;
namespace Prepaid.App.Losses;

/// <summary>
/// Loss reconciliation over a period: per transformer and for the whole site, the main incomers' energy, the
/// sub-meters' energy, the loss and its percentage, first for the whole period, then day by day. The period's
/// figures are the sums of the days (the same interval energy the loss check uses).
/// </summary>
internal sealed class LossReconciliationReportSource(IDbContextFactory<PrepaidDb> factory, LossReconciliationQuery query) : IReportSource
{
    public bool Handles(ReportKind kind) => kind == ReportKind.LossReconciliation;

    public async Task<ReportDocument> BuildAsync(ReportContext c, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        int? siteId;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            siteId = await db.Sites.OrderBy(s => s.Id).Select(s => (int?)s.Id).FirstOrDefaultAsync(cancellationToken);
        }

        var days = siteId is { } id ? await query.DailyAsync(id, c.Period.Start, c.Period.End, cancellationToken) : [];
        progress?.Report(0.7);
        var t = c.Text;
        var doc = c.NewDocument(PageOrientation.Portrait);

        var period = Table(c, t["Reports.Loss.Period"], "Reports.Col.Transformer");
        var scopes = days.Select(r => r.Scope).Distinct().ToList();
        foreach (var scope in scopes)
        {
            var rows = days.Where(r => r.Scope == scope).ToList();
            var incomer = rows.Sum(r => r.IncomerKwh);
            var subs = rows.Sum(r => r.SubMetersKwh);
            var loss = incomer - subs;
            var line = new object?[] { Scope(c, scope), incomer, subs, loss, Percent(LossRow.Percent(incomer, loss)), rows[0].IncomerMeters, rows[0].SubMeters };
            if (scope == LossReconciliationQuery.SiteScope)
            {
                period.AddTotal(line);
            }
            else
            {
                period.AddRow(line);
            }
        }

        doc.Tables.Add(period);
        if (c.Period.Days > 1)
        {
            var daily = Table(c, t["Reports.Loss.Daily"], "Reports.Col.Date");
            foreach (var r in days)
            {
                daily.AddRow($"{r.PeriodStart:yyyy-MM-dd} {Scope(c, r.Scope)}", r.IncomerKwh, r.SubMetersKwh, r.LossKwh, Percent(r.LossPercent), r.IncomerMeters, r.SubMeters);
            }

            doc.Tables.Add(daily);
        }

        doc.Tables.Add(c.Notes("Reports.Note.Loss"));
        return doc;
    }

    private static ReportTable Table(ReportContext c, string caption, string firstColumn) => new(caption,
    [
        c.Column(firstColumn, ReportColumnKind.Text, 1.8),
        c.Column("Reports.Col.IncomerKwh", ReportColumnKind.Quantity, 1.3),
        c.Column("Reports.Col.SubMetersKwh", ReportColumnKind.Quantity, 1.3),
        c.Column("Reports.Col.LossKwh", ReportColumnKind.Quantity, 1.2),
        c.Column("Reports.Col.LossPercent", ReportColumnKind.Figure, 0.8),
        c.Column("Reports.Col.IncomerMeters", ReportColumnKind.Integer, 0.8),
        c.Column("Reports.Col.SubMeterCount", ReportColumnKind.Integer, 0.8),
    ])
    { EmptyText = c.Text["Reports.Empty.LossData"] };

    private static string Scope(ReportContext c, string scope) => scope == LossReconciliationQuery.SiteScope ? c.Text["Reports.Loss.Site"] : scope;

    private static string Percent(decimal? percent) => percent is { } p ? ReportValues.Format(p) + " %" : "-";
}
