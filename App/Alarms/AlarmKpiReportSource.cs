using System.Globalization;
using Prepaid.App.Alarms;
using Prepaid.App.Kernel.Pdf;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Alarms;

/// <summary>
/// The alarm KPIs of a period, computed by the same <see cref="AlarmQuery.KpiAsync"/> as the KPI tab
/// of /alarms: alarms per 10 minutes, floods, standing alarms (active over 24 h), chattering alarms, the top 10
/// sources and alarms, the priority distribution, each beside its target.
/// </summary>
internal sealed class AlarmKpiReportSource(AlarmQuery query) : IReportSource
{
    public bool Handles(ReportKind kind) => kind == ReportKind.AlarmKpis;

    public async Task<ReportDocument> BuildAsync(ReportContext c, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var (start, end) = (c.StartUtc, c.EndUtc);
        // A period that is not over yet ends at generation time: the rest has no alarms yet.
        var to = c.GeneratedAt > start && c.GeneratedAt < end ? c.GeneratedAt : end;
        var r = await query.KpiAsync(start, to, cancellationToken);
        progress?.Report(0.7);
        var t = c.Text;
        var doc = c.NewDocument(PageOrientation.Portrait);
        doc.Tables.Add(Figures(c, r));
        doc.Tables.Add(Priorities(c, r.Priorities));
        doc.Tables.Add(Floods(c, r));

        var sources = Table(c, "Reports.Kpi.TopSources", "Reports.Empty.Alarms", ("Reports.Col.AlarmSource", ReportColumnKind.Text, 3), ("Reports.Col.Alarms", ReportColumnKind.Integer, 1));
        foreach (var (source, count) in r.TopSources)
        {
            sources.AddRow($"{t["Reports.Source." + source.Kind]} {query.NameOf(source)}", count);
        }

        doc.Tables.Add(sources);
        var alarms = Table(c, "Reports.Kpi.TopAlarms", "Reports.Empty.Alarms", ("Reports.Col.AlarmSource", ReportColumnKind.Text, 2.2), ("Reports.Col.Condition", ReportColumnKind.Text, 1.6),
            ("Reports.Col.Alarms", ReportColumnKind.Integer, 1));
        foreach (var (key, count) in r.TopAlarms)
        {
            alarms.AddRow(Name(key), t["AlarmCondition." + key.Condition], count);
        }

        doc.Tables.Add(alarms);
        var standing = Table(c, "Reports.Kpi.Standing", "Reports.Empty.Standing", ("Reports.Col.AlarmSource", ReportColumnKind.Text, 2), ("Reports.Col.Condition", ReportColumnKind.Text, 1.4),
            ("Reports.Col.ActiveSince", ReportColumnKind.Text, 1.4), ("Reports.Col.ClearedAt", ReportColumnKind.Text, 1.4), ("Reports.Col.Duration", ReportColumnKind.Figure, 1));
        foreach (var s in r.Standing)
        {
            standing.AddRow(Name(s.Key), t["AlarmCondition." + s.Key.Condition], c.Time(s.ActiveSince), s.ClearedAt is { } at ? c.Time(at) : t["Reports.Kpi.StillActive"],
                c.Duration(s.Duration));
        }

        standing.AddTotal(t.Format("Reports.TotalCount", r.Standing.Count), null, null, null, null);
        doc.Tables.Add(standing);
        var chattering = Table(c, "Reports.Kpi.Chattering", "Reports.Empty.Chattering", ("Reports.Col.AlarmSource", ReportColumnKind.Text, 2), ("Reports.Col.Condition", ReportColumnKind.Text, 1.4),
            ("Reports.Col.FirstChatter", ReportColumnKind.Text, 1.4), ("Reports.Col.Transitions", ReportColumnKind.Integer, 1));
        foreach (var ch in r.Chattering)
        {
            chattering.AddRow(Name(ch.Key), t["AlarmCondition." + ch.Key.Condition], c.Time(ch.FirstChatterAt), ch.Transitions);
        }

        chattering.AddTotal(t.Format("Reports.TotalCount", r.Chattering.Count), null, null, null);
        doc.Tables.Add(chattering);
        return doc;

        string Name(AlarmKey key) => $"{t["Reports.Source." + key.SourceKind]} {query.NameOf(new AlarmSource(key.SourceKind, key.SourceId))}";
    }

    private static ReportTable Figures(ReportContext c, AlarmKpiReport r)
    {
        var t = c.Text;
        var rate = r.Rates[0];
        var table = Table(c, "Reports.Kpi.Figures", "Reports.Empty.Alarms", ("Reports.Col.Indicator", ReportColumnKind.Text, 2.4), ("Reports.Col.Value", ReportColumnKind.Figure, 1.6),
            ("Reports.Col.Target", ReportColumnKind.Text, 2));
        table.AddRow(t["Reports.Kpi.Total"], Count(r.AlarmCount), "");
        table.AddRow(t["Reports.Kpi.Rate"], Number(rate.AveragePerInterval), t["Reports.Kpi.RateTarget"]);
        table.AddRow(t["Reports.Kpi.MaxRate"], rate.MaxIntervalStart is { } at ? $"{Count(rate.MaxPerInterval)} ({c.Time(at)})" : Count(rate.MaxPerInterval),
            t["Reports.Kpi.MaxRateTarget"]);
        table.AddRow(t["Reports.Kpi.Floods"], Count(r.Floods.Count), "");
        table.AddRow(t["Reports.Kpi.TimeInFlood"], c.Duration(r.TimeInFlood), t["Reports.Kpi.TimeInFloodTarget"]);
        table.AddRow(t["Reports.Kpi.Standing"], Count(r.Standing.Count), t["Reports.Kpi.StandingTarget"]);
        table.AddRow(t["Reports.Kpi.Chattering"], Count(r.Chattering.Count), t["Reports.Kpi.ChatteringTarget"]);
        return table;
    }

    private static ReportTable Priorities(ReportContext c, PriorityDistribution d)
    {
        var t = c.Text;
        var table = Table(c, "Reports.Kpi.Priorities", "Reports.Empty.Alarms", ("Reports.Col.Priority", ReportColumnKind.Text, 1.5), ("Reports.Col.Alarms", ReportColumnKind.Integer, 1),
            ("Reports.Col.Share", ReportColumnKind.Figure, 1), ("Reports.Col.Target", ReportColumnKind.Text, 1));
        foreach (var (priority, count, target) in new[] { (AlarmPriority.High, d.High, "5 %"), (AlarmPriority.Medium, d.Medium, "15 %"), (AlarmPriority.Low, d.Low, "80 %") })
        {
            table.AddRow(t["AlarmPriority." + priority], count, Number(d.Percent(priority), "0.0") + " %", target);
        }

        table.AddTotal(t["Reports.Total"], d.Total, d.Total == 0 ? "" : "100.0 %", null);
        return table;
    }

    private static ReportTable Floods(ReportContext c, AlarmKpiReport r)
    {
        var t = c.Text;
        var table = Table(c, "Reports.Kpi.FloodList", "Reports.Empty.Floods", ("Reports.Col.FloodStart", ReportColumnKind.Text, 1.5), ("Reports.Col.FloodEnd", ReportColumnKind.Text, 1.5),
            ("Reports.Col.Alarms", ReportColumnKind.Integer, 1), ("Reports.Col.Peak", ReportColumnKind.Integer, 1));
        foreach (var f in r.Floods)
        {
            table.AddRow(c.Time(f.Start), f.End is { } e ? c.Time(e) : t["Reports.Kpi.StillFlooding"], f.AlarmCount, f.Peak);
        }

        table.AddTotal(t.Format("Reports.TotalCount", r.Floods.Count), c.Duration(r.TimeInFlood), r.Floods.Sum(f => f.AlarmCount), null);
        return table;
    }

    private static ReportTable Table(ReportContext c, string caption, string emptyText, params (string Key, ReportColumnKind Kind, double Width)[] columns) =>
        new(c.Text[caption], [.. columns.Select(col => c.Column(col.Key, col.Kind, col.Width))]) { EmptyText = c.Text[emptyText] };

    private static string Count(int value) => value.ToString("#,##0", CultureInfo.InvariantCulture);

    private static string Number(double value, string format = "0.00") => value.ToString(format, CultureInfo.InvariantCulture);
}
