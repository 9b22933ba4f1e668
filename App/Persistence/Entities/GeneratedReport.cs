using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
namespace Prepaid.App.Persistence.Entities;

/// <summary>
/// One generated report file in the report store. A (kind, period, language, format) has version 1 from the
/// schedule or the first request; each regeneration adds the next version and keeps the earlier ones.
/// </summary>
public sealed class GeneratedReport
{
    public long Id { get; set; }

    public ReportKind Kind { get; set; }

    /// <summary>First site-local day of the period.</summary>
    public DateOnly PeriodStart { get; set; }

    /// <summary>Last site-local day of the period (included).</summary>
    public DateOnly PeriodEnd { get; set; }

    /// <summary>Culture name the report is written in, for example "zh-CN" or "en".</summary>
    public required string Language { get; set; }

    public ReportFormat Format { get; set; }

    public int Version { get; set; }

    public DateTimeOffset GeneratedAt { get; set; }

    /// <summary>The user who asked for it, or "scheduler".</summary>
    public required string GeneratedBy { get; set; }

    /// <summary>True when the schedule (or its catch-up) produced it.</summary>
    public bool Scheduled { get; set; }

    /// <summary>Path of the file relative to the report directory, with '/' separators.</summary>
    public required string FilePath { get; set; }

    public long SizeBytes { get; set; }

    /// <summary>SHA-256 of the file, lower-case hex; checked when the file is downloaded.</summary>
    public required string Sha256 { get; set; }

    public ReportPeriod Period => new(PeriodStart, PeriodEnd);
}
