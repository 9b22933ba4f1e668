using Prepaid.App.Persistence.Entities;
using System.Globalization;
using MiniExcelLibs;
using MiniExcelLibs.OpenXml;
using Prepaid.App.Kernel.Pdf;
using Prepaid.App.Kernel.Reporting;
namespace Prepaid.App.Reports;

/// <summary>Writes a <see cref="ReportDocument"/> as PDF (through the layout layer) or XLSX (MiniExcel).</summary>
public static class ReportWriters
{
    public static string ContentType(ReportFormat format) => format == ReportFormat.Pdf
        ? "application/pdf"
        : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static string Extension(ReportFormat format) => format == ReportFormat.Pdf ? ".pdf" : ".xlsx";

    public static byte[] Write(ReportDocument report, ReportFormat format) =>
        format == ReportFormat.Pdf ? WritePdf(report) : WriteXlsx(report);

    public static byte[] WritePdf(ReportDocument report) => PdfTableRenderer.Render(PdfModel(report));

    internal static PdfReportModel PdfModel(ReportDocument report)
    {
        var model = new PdfReportModel
        {
            SiteName = report.SiteName,
            Title = report.Title,
            Period = report.PeriodText,
            Generated = report.GeneratedText,
            PageFormat = report.PageFormat,
            ContinuedSuffix = report.ContinuedSuffix,
            Orientation = report.Orientation,
        };
        foreach (var table in report.Tables)
        {
            var pdf = new PdfTable(table.PrintedCaption, [.. table.Columns.Select(c => new PdfColumn(c.Header, c.Width,
                c.Kind == ReportColumnKind.Text ? CellAlignment.Left : CellAlignment.Right))])
            {
                EmptyText = table.EmptyText,
            };
            pdf.Rows.AddRange(table.Rows.Select(r => (IReadOnlyList<string>)[.. r.Select(Format)]));
            pdf.TotalRows.AddRange(table.PrintedTotals.Select(r => (IReadOnlyList<string>)[.. r.Select(Format)]));
            model.Tables.Add(pdf);
        }

        return model;
    }

    /// <summary>
    /// The rows above a table's header on every sheet: title, site, period, generation line and the table's caption.
    /// The panes are frozen below the header, so these and the column headers stay in view while scrolling.
    /// </summary>
    public const int XlsxHeaderRow = 6;

    /// <summary>
    /// One sheet per table, named after its caption: the report's title, site, period and generation lines, the
    /// caption, the header row (frozen), then rows and totals. Numbers stay numbers (exact decimals), so the sheet
    /// can be summed again.
    /// </summary>
    public static byte[] WriteXlsx(ReportDocument report)
    {
        var sheets = new Dictionary<string, object>();
        var tables = report.Tables.Count == 0 ? [new ReportTable(null, [new ReportColumn("", ReportColumnKind.Text)])] : report.Tables;
        foreach (var table in tables)
        {
            var keys = Enumerable.Range(0, table.Columns.Count).Select(ColumnName).ToArray();
            sheets.Add(SheetName(table.Caption ?? report.Title, sheets.Keys), XlsxRows(report, table, keys));
        }

        // MiniExcel freezes the same number of rows on every sheet, hence the fixed rows above each header.
        var configuration = new OpenXmlConfiguration { FreezeRowCount = XlsxHeaderRow, FreezeColumnCount = 0, AutoFilter = false };
        using var stream = new MemoryStream();
        stream.SaveAs(sheets, printHeader: false, configuration: configuration);
        return stream.ToArray();
    }

    // Rows made as MiniExcel writes them, so a report of thousands of rows is never held as dictionaries.
    private static IEnumerable<Dictionary<string, object?>> XlsxRows(ReportDocument report, ReportTable table, string[] keys)
    {
        Dictionary<string, object?> Row(params object?[] cells)
        {
            var row = new Dictionary<string, object?>(keys.Length);
            for (var i = 0; i < keys.Length; i++)
            {
                row[keys[i]] = i < cells.Length ? cells[i] : null;
            }

            return row;
        }

        yield return Row(report.Title);
        yield return Row(report.SiteName);
        yield return Row(report.PeriodText);
        yield return Row(report.GeneratedText);
        yield return Row(table.PrintedCaption);
        yield return Row([.. table.Columns.Select(c => (object?)c.Header)]);
        if (table.Rows.Count == 0)
        {
            yield return Row(table.EmptyText);
        }

        foreach (var row in table.Rows)
        {
            yield return Row(row);
        }

        foreach (var row in table.PrintedTotals)
        {
            yield return Row(row);
        }
    }

    /// <summary>A valid, unique sheet name: at most 31 characters, none of []:*?/\, not empty.</summary>
    internal static string SheetName(string caption, IEnumerable<string> taken)
    {
        var clean = new string([.. caption.Select(ch => "[]:*?/\\".Contains(ch) || char.IsControl(ch) ? ' ' : ch)]).Trim().Trim('\'');
        clean = clean.Length == 0 ? "Sheet" : clean;
        var used = new HashSet<string>(taken, StringComparer.OrdinalIgnoreCase);
        for (var n = 1; ; n++)
        {
            var suffix = n == 1 ? "" : $" ({n})";
            var name = (clean.Length + suffix.Length > 31 ? clean[..(31 - suffix.Length)].TrimEnd() : clean) + suffix;
            if (!used.Contains(name))
            {
                return name;
            }
        }
    }

    /// <summary>A cell as text: decimals keep every significant digit up to 4 places, at least 2.</summary>
    public static string Format(object? value) => ReportValues.Format(value);

    private static string ColumnName(int index)
    {
        var name = "";
        for (var i = index + 1; i > 0; i = (i - 1) / 26)
        {
            name = (char)('A' + ((i - 1) % 26)) + name;
        }

        return name;
    }
}
