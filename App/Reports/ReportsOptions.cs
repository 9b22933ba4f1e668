using System.ComponentModel.DataAnnotations;

namespace Prepaid.App.Reports;

/// <summary>The <c>Reports</c> section: where report files go and how far the schedule catches up.</summary>
public sealed class ReportsOptions
{
    public const string SectionName = "Reports";

    /// <summary>Folder of the report files; empty means <c>reports</c> under <c>Database:DataDirectory</c>.</summary>
    public string? Directory { get; set; }

    /// <summary>Daily reports: site-local cron (Quartz, seconds first); 00:05 every day for the previous day.</summary>
    [Required]
    public string DailyCron { get; set; } = "0 5 0 * * ?";

    /// <summary>Monthly reports: 00:15 on the 1st for the previous month.</summary>
    [Required]
    public string MonthlyCron { get; set; } = "0 15 0 1 * ?";

    /// <summary>How many past days a start-up catch-up may produce daily reports for.</summary>
    [Range(0, 366)]
    public int CatchUpDays { get; set; } = 31;

    /// <summary>How many past months a start-up catch-up may produce monthly reports for.</summary>
    [Range(0, 36)]
    public int CatchUpMonths { get; set; } = 12;
}
