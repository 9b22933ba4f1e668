using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Pdf;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Kernel.Reporting;

/// <summary>Everything a report source needs besides the database: what, when, for whom, in which language.</summary>
public sealed class ReportContext
{
    public required ReportKind Kind { get; init; }

    public required ReportPeriod Period { get; init; }

    public required TimeZoneInfo Zone { get; init; }

    public required string SiteName { get; init; }

    public required ReportText Text { get; init; }

    public required DateTimeOffset GeneratedAt { get; init; }

    public required string GeneratedBy { get; init; }

    /// <summary>The site-local midnight that starts the period, as UTC.</summary>
    public DateTimeOffset StartUtc => SiteTime.MidnightUtc(Period.Start, Zone);

    /// <summary>The site-local midnight after the period's last day, as UTC (exclusive end).</summary>
    public DateTimeOffset EndUtc => SiteTime.MidnightUtc(Period.End.AddDays(1), Zone);

    public string Time(DateTimeOffset? at) => SiteTime.Format(at, Zone);

    public string Duration(TimeSpan span) => Text.Format("Reports.Duration", (int)span.TotalHours, span.Minutes);

    public ReportDocument NewDocument(PageOrientation orientation) => new()
    {
        SiteName = SiteName,
        Title = Text["Reports.Kind." + Kind],
        PeriodText = Text.Format("Reports.PeriodLine", Period.ToString()),
        GeneratedText = Text.Format("Reports.GeneratedLine", Time(GeneratedAt), GeneratedBy),
        PageFormat = Text["Reports.PageFormat"],
        ContinuedSuffix = Text["Reports.Continued"],
        Orientation = orientation,
    };

    public ReportColumn Column(string key, ReportColumnKind kind, double width = 1) => new(Text[key], kind, width);

    /// <summary>A one-column table of explanatory notes, one row per resource key, printed after a report's tables.</summary>
    public ReportTable Notes(params string[] keys)
    {
        var notes = new ReportTable(Text["Reports.Notes"], [Column("Reports.Notes", ReportColumnKind.Text)]);
        foreach (var key in keys)
        {
            notes.AddRow(Text[key]);
        }

        return notes;
    }
}
