using Prepaid.App.Kernel.Pdf;
namespace Prepaid.App.Kernel.Reporting;

/// <summary>How a column's values are written: text as is, numbers right-aligned with their exact decimals.</summary>
public enum ReportColumnKind
{
    Text,
    /// <summary>Yuan: at least 2 decimals, up to the 4 the ledger keeps; never rounded.</summary>
    Money,
    /// <summary>kWh or m3: at least 2 decimals, up to 4.</summary>
    Quantity,
    Integer,
    /// <summary>A figure already written as text (a percentage, an 8-decimal share, a duration): right-aligned like a number.</summary>
    Figure,
}

/// <summary>A column of a report table; <paramref name="Width"/> is relative to the other columns.</summary>
public sealed record ReportColumn(string Header, ReportColumnKind Kind, double Width = 1);

/// <summary>
/// One table of a report: typed cells (string, decimal, int, long or null), one per column, plus totals rows.
/// The same table becomes a PDF table or a block of spreadsheet rows.
/// </summary>
public sealed class ReportTable(string? caption, IReadOnlyList<ReportColumn> columns)
{
    public string? Caption { get; } = caption;

    public IReadOnlyList<ReportColumn> Columns { get; } = columns;

    public List<object?[]> Rows { get; } = [];

    public List<object?[]> Totals { get; } = [];

    /// <summary>What the table says when it has no rows, as a sentence ("No refunds or reversals in this period").</summary>
    public string EmptyText { get; init; } = "-";

    /// <summary>The totals as printed: none under an empty table, where they could only say "Total 0".</summary>
    public IReadOnlyList<object?[]> PrintedTotals => Rows.Count == 0 ? [] : Totals;

    /// <summary>The caption as printed: a one-column table whose header says the same (Notes) prints it once.</summary>
    public string? PrintedCaption => Columns.Count == 1 && Caption == Columns[0].Header ? null : Caption;

    public void AddRow(params object?[] cells) => Rows.Add(Checked(cells));

    public void AddTotal(params object?[] cells) => Totals.Add(Checked(cells));

    private object?[] Checked(object?[] cells) => cells.Length == Columns.Count
        ? cells
        : throw new ArgumentException($"A row has {cells.Length} cells but the table has {Columns.Count} columns.", nameof(cells));
}

/// <summary>A generated report: what it is, for which period, and its tables, already in the reader's language.</summary>
public sealed class ReportDocument
{
    public required string SiteName { get; init; }

    public required string Title { get; init; }

    public required string PeriodText { get; init; }

    public required string GeneratedText { get; init; }

    /// <summary>"Page {0} of {1}" in the report's language.</summary>
    public required string PageFormat { get; init; }

    public required string ContinuedSuffix { get; init; }

    public PageOrientation Orientation { get; init; } = PageOrientation.Portrait;

    public List<ReportTable> Tables { get; } = [];
}
