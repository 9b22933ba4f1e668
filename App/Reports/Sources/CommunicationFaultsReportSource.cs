using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Pdf;
using Prepaid.Domain.Model;

using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports.Sources;

/// <summary>
/// Lost-contact gateways, buses and meters in a period, from the acquisition's stored events: each "lost" event
/// opens an outage of its source and the next "recovered" event of the same source closes it; outages are cut
/// to the period. An outage still open at the end of the period (or at generation time) is counted to there and
/// marked. Also the meters not communicating at generation time, from their live state.
/// What the stored data cannot tell is stated in the report's notes (see README, Reports).
/// </summary>
internal sealed class CommunicationFaultsReportSource(IDbContextFactory<PrepaidDb> factory) : IReportSource
{
    /// <summary>How far before the period an outage's start is looked for.</summary>
    public static readonly TimeSpan LookBack = TimeSpan.FromDays(62);

    public bool Handles(ReportKind kind) => kind == ReportKind.CommunicationFaults;

    internal sealed record Outage(AlarmSourceKind SourceKind, int SourceId, DateTimeOffset Start, DateTimeOffset? End)
    {
        public TimeSpan Within(DateTimeOffset from, DateTimeOffset to) =>
            (End is { } e && e < to ? e : to) - (Start > from ? Start : from);
    }

    public async Task<ReportDocument> BuildAsync(ReportContext c, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (c.StartUtc, c.EndUtc);
        var cutoff = c.GeneratedAt < end ? c.GeneratedAt : end;
        var from = start - LookBack;
        var events = await db.MeterEvents.AsNoTracking()
            .Where(e => e.At >= from && e.At < end && e.Kind <= MeterEventKind.GatewayRecovered)
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.SourceKind, e.SourceId, e.Kind, e.At })
            .ToListAsync(cancellationToken);
        progress?.Report(0.3);
        var outages = Pair(events.Select(e => (e.SourceKind, e.SourceId, e.Kind, e.At)))
            .Where(o => o.Start < cutoff && (o.End is null || o.End > start))
            .ToList();

        var gateways = await db.Gateways.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.Name, cancellationToken);
        var buses = await db.Buses.AsNoTracking().ToDictionaryAsync(b => b.Id, b => b.Name, cancellationToken);
        var meters = await db.Meters.AsNoTracking().Select(m => new { m.Id, m.Name, m.AccountId }).ToDictionaryAsync(m => m.Id, cancellationToken);
        var accounts = await AccountDirectory.LoadAsync(db, c.Text, cancellationToken);
        var notAnswering = await db.MeterLiveStates.AsNoTracking()
            .Where(s => s.Quality != ValueQuality.Good)
            .Select(s => new { s.MeterId, s.Quality, s.LastGoodAt, s.UpdatedAt })
            .ToListAsync(cancellationToken);
        progress?.Report(0.6);

        var t = c.Text;
        var doc = c.NewDocument(PageOrientation.Portrait);
        string SourceName(Outage o) => o.SourceKind switch
        {
            AlarmSourceKind.Gateway => gateways.GetValueOrDefault(o.SourceId) ?? $"#{o.SourceId}",
            AlarmSourceKind.Bus => buses.GetValueOrDefault(o.SourceId) ?? $"#{o.SourceId}",
            _ => meters.GetValueOrDefault(o.SourceId)?.Name ?? $"#{o.SourceId}",
        };
        string Shop(int meterId) => meters.GetValueOrDefault(meterId)?.AccountId is { } a && accounts.GetValueOrDefault(a) is { } line
            ? $"{line.Unit} {line.ShopName}" : "";

        doc.Tables.Add(OutageTable(c, "Reports.Comm.Gateways", "Reports.Col.Source", "Reports.Empty.LostGateways",
            outages.Where(o => o.SourceKind is AlarmSourceKind.Gateway or AlarmSourceKind.Bus), o => $"{t["Reports.Source." + o.SourceKind]} {SourceName(o)}", start, cutoff));
        doc.Tables.Add(OutageTable(c, "Reports.Comm.Meters", "Reports.Col.Meter", "Reports.Empty.LostMeters",
            outages.Where(o => o.SourceKind == AlarmSourceKind.Meter), o => $"{SourceName(o)} {Shop(o.SourceId)}".Trim(), start, cutoff));

        var now = new ReportTable(t["Reports.Comm.Now"],
        [
            c.Column("Reports.Col.Meter", ReportColumnKind.Text, 1.3),
            c.Column("Reports.Col.Shop", ReportColumnKind.Text, 2),
            c.Column("Reports.Col.Quality", ReportColumnKind.Text, 1),
            c.Column("Reports.Col.LastGood", ReportColumnKind.Text, 1.5),
            c.Column("Reports.Col.Duration", ReportColumnKind.Figure, 1),
        ])
        { EmptyText = t["Reports.Empty.AllCommunicating"] };
        foreach (var s in notAnswering.OrderBy(s => meters.GetValueOrDefault(s.MeterId)?.Name, StringComparer.Ordinal))
        {
            now.AddRow(meters.GetValueOrDefault(s.MeterId)?.Name ?? $"#{s.MeterId}", Shop(s.MeterId), t["ValueQuality." + s.Quality],
                s.LastGoodAt is { } g ? c.Time(g) : t["Reports.Never"], s.LastGoodAt is { } since ? c.Duration(c.GeneratedAt - since) : "");
        }

        now.AddTotal(t.Format("Reports.TotalCount", notAnswering.Count), null, null, null, null);
        doc.Tables.Add(now);
        doc.Tables.Add(c.Notes("Reports.Note.CommEvents", "Reports.Note.CommRestart"));
        return doc;
    }

    private static ReportTable OutageTable(ReportContext c, string caption, string sourceColumn, string emptyText, IEnumerable<Outage> outages,
        Func<Outage, string> name, DateTimeOffset start, DateTimeOffset cutoff)
    {
        var t = c.Text;
        var table = new ReportTable(t[caption],
        [
            c.Column(sourceColumn, ReportColumnKind.Text, 2.6),
            c.Column("Reports.Col.LostAt", ReportColumnKind.Text, 1.5),
            c.Column("Reports.Col.RecoveredAt", ReportColumnKind.Text, 1.5),
            c.Column("Reports.Col.DurationInPeriod", ReportColumnKind.Figure, 1),
        ])
        { EmptyText = t[emptyText] };
        var total = TimeSpan.Zero;
        var count = 0;
        foreach (var o in outages.OrderBy(o => o.Start).ThenBy(name, StringComparer.Ordinal))
        {
            var within = o.Within(start, cutoff);
            table.AddRow(name(o), c.Time(o.Start), o.End is { } e && e <= cutoff ? c.Time(e) : t["Reports.Comm.StillLost"], c.Duration(within));
            total += within;
            count++;
        }

        table.AddTotal(t.Format("Reports.TotalCount", count), null, null, c.Duration(total));
        return table;
    }

    /// <summary>
    /// Outages from lost/recovered events in time order. A second "lost" while one is open continues it (the
    /// acquisition reports again after a restart); a "recovered" with nothing open is ignored (its start is
    /// before the look-back).
    /// </summary>
    internal static List<Outage> Pair(IEnumerable<(AlarmSourceKind Kind, int Id, MeterEventKind Event, DateTimeOffset At)> events)
    {
        var open = new Dictionary<(AlarmSourceKind, int), DateTimeOffset>();
        var outages = new List<Outage>();
        foreach (var (kind, id, e, at) in events)
        {
            var key = (kind, id);
            var lost = e is MeterEventKind.MeterLost or MeterEventKind.BusLost or MeterEventKind.GatewayLost;
            if (lost)
            {
                open.TryAdd(key, at);
            }
            else if (open.Remove(key, out var since))
            {
                outages.Add(new Outage(kind, id, since, at));
            }
        }

        outages.AddRange(open.Select(o => new Outage(o.Key.Item1, o.Key.Item2, o.Value, null)));
        return outages;
    }
}
