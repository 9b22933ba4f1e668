using Prepaid.App.Persistence.Entities;
using MiniExcelLibs;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Reports;
using Prepaid.App.Tests.Support;
namespace Prepaid.App.Tests.Reports;

public sealed class ReportTablePrintingTests
{
    private static ReportDocument Report(params ReportTable[] tables)
    {
        var report = new ReportDocument
        {
            SiteName = "Mall", Title = "Shop purchases", PeriodText = "Period: 2026-11", GeneratedText = "Generated",
            PageFormat = "Page {0} of {1}", ContinuedSuffix = " (continued)",
        };
        report.Tables.AddRange(tables);
        return report;
    }

    [Fact]
    public void Write_EmptyTableWithTotal_PrintsTheEmptyTextAndNoTotalRow()
    {
        var empty = new ReportTable("Refunds", [new ReportColumn("Account", ReportColumnKind.Text), new ReportColumn("Amount", ReportColumnKind.Money)])
        {
            EmptyText = "No refunds in this period",
        };
        empty.AddTotal("Grand sum", 0m);

        var report = Report(empty);
        var pdf = ReportPdf.Text(ReportWriters.Write(report, ReportFormat.Pdf));
        using var stream = new MemoryStream(ReportWriters.Write(report, ReportFormat.Xlsx));
        var cells = stream.Query(useHeaderRow: false, sheetName: "Refunds").Cast<IDictionary<string, object>>().SelectMany(r => r.Values).ToList();

        Assert.Contains("Norefundsinthisperiod", pdf);
        Assert.DoesNotContain("Grandsum", pdf);
        Assert.Contains("No refunds in this period", cells);
        Assert.DoesNotContain("Grand sum", cells);
    }

    [Fact]
    public void Write_OneColumnTableCaptionedLikeItsHeader_PrintsTheWordOnce()
    {
        var notes = new ReportTable("Notes", [new ReportColumn("Notes", ReportColumnKind.Text)]);
        notes.AddRow("Balances are sums of the ledger.");
        var other = new ReportTable("Remarks", [new ReportColumn("Text", ReportColumnKind.Text)]);
        other.AddRow("x");

        var report = Report(notes, other);
        var pdf = ReportPdf.Text(ReportWriters.Write(report, ReportFormat.Pdf));
        using var stream = new MemoryStream(ReportWriters.Write(report, ReportFormat.Xlsx));
        var cells = stream.Query(useHeaderRow: false, sheetName: "Notes").Cast<IDictionary<string, object>>().SelectMany(r => r.Values).ToList();

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(pdf, "Notes"));
        Assert.Contains("Remarks", pdf); // a caption that says something else stays
        Assert.Single(cells, c => Equals(c, "Notes"));
        Assert.Equal(["Notes", "Remarks"], stream.GetSheetNames());
    }
}
