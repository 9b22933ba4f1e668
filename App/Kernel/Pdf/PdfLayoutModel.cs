namespace Prepaid.App.Kernel.Pdf;

/// <summary>Page orientation of an A4 document.</summary>
public enum PageOrientation
{
    Portrait,
    Landscape,
}

/// <summary>Horizontal alignment of a column's cells.</summary>
public enum CellAlignment
{
    Left,
    Center,
    Right,
}

/// <summary>A table column: its header text, relative width (weights are scaled to the page) and alignment.</summary>
public sealed record PdfColumn(string Header, double Width, CellAlignment Alignment = CellAlignment.Left);

/// <summary>
/// One table of a document. Rows and totals rows hold one string per column; a cell may contain line breaks.
/// The header row is repeated at the top of every page the table runs onto.
/// </summary>
public sealed class PdfTable
{
    public PdfTable(string? caption, IReadOnlyList<PdfColumn> columns)
    {
        if (columns.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column.", nameof(columns));
        }

        if (columns.Any(c => !(c.Width > 0) || double.IsInfinity(c.Width)))
        {
            throw new ArgumentException("Column widths must be positive.", nameof(columns));
        }

        Caption = caption;
        Columns = columns;
    }

    public string? Caption { get; }

    public IReadOnlyList<PdfColumn> Columns { get; }

    public List<IReadOnlyList<string>> Rows { get; } = [];

    /// <summary>Rows printed after the data in bold-style shading (totals, subtotals).</summary>
    public List<IReadOnlyList<string>> TotalRows { get; } = [];

    /// <summary>Shown across the table when it has no rows.</summary>
    public string EmptyText { get; init; } = "-";

    public void AddRow(params IReadOnlyList<string> cells) => Rows.Add(Checked(cells));

    public void AddTotalRow(params IReadOnlyList<string> cells) => TotalRows.Add(Checked(cells));

    private IReadOnlyList<string> Checked(IReadOnlyList<string> cells) => cells.Count == Columns.Count
        ? cells
        : throw new ArgumentException($"A row has {cells.Count} cells but the table has {Columns.Count} columns.", nameof(cells));
}

/// <summary>What goes on every page's header and footer, and the tables of the body.</summary>
public sealed class PdfReportModel
{
    public required string SiteName { get; init; }

    public required string Title { get; init; }

    /// <summary>The period as the reader should see it, for example "2026-11-01 – 2026-11-30".</summary>
    public required string Period { get; init; }

    /// <summary>The generation line, for example "Generated 2026-11-23 00:05 by scheduler".</summary>
    public required string Generated { get; init; }

    /// <summary>Page number format with {0} the page and {1} the page count, for example "Page {0} of {1}".</summary>
    public string PageFormat { get; init; } = "Page {0} of {1}";

    /// <summary>Appended to a table's caption on the pages it continues onto.</summary>
    public string ContinuedSuffix { get; init; } = " (continued)";

    public PageOrientation Orientation { get; init; } = PageOrientation.Portrait;

    public List<PdfTable> Tables { get; } = [];
}
