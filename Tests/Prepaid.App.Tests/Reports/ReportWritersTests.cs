using Prepaid.App.Persistence.Entities;
using MiniExcelLibs;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Reports;
using UglyToad.PdfPig;

namespace Prepaid.App.Tests.Reports;

public sealed class ReportWritersTests
{
    private static ReportDocument Sample()
    {
        var report = new ReportDocument
        {
            SiteName = "都匀购物中心",
            Title = "月销售报表",
            PeriodText = "2026-10-01 – 2026-10-31",
            GeneratedText = "生成于 2026-11-01 00:15:00",
            PageFormat = "第 {0} 页，共 {1} 页",
            ContinuedSuffix = "（续）",
        };
        var table = new ReportTable("按付款方式", [new ReportColumn("付款方式", ReportColumnKind.Text), new ReportColumn("笔数", ReportColumnKind.Integer), new ReportColumn("金额", ReportColumnKind.Money)]);
        table.AddRow("现金", 3, 1234.5m);
        table.AddRow("银行卡", 1, 0.0001m);
        table.AddTotal("合计", 4, 1234.5001m);
        report.Tables.Add(table);
        report.Tables.Add(new ReportTable("退款", [new ReportColumn("账户", ReportColumnKind.Text)]) { EmptyText = "无" });
        return report;
    }

    private static List<IDictionary<string, object>> Sheet(byte[] xlsx, string name)
    {
        using var stream = new MemoryStream(xlsx);
        return [.. stream.Query(useHeaderRow: false, sheetName: name).Cast<IDictionary<string, object>>()];
    }

    [Fact]
    public void WriteXlsx_Report_OneSheetPerTableWithHeaderLinesAndExactNumbers()
    {
        var bytes = ReportWriters.Write(Sample(), ReportFormat.Xlsx);

        using (var stream = new MemoryStream(bytes))
        {
            Assert.Equal(["按付款方式", "退款"], stream.GetSheetNames());
        }

        var rows = Sheet(bytes, "按付款方式");
        Assert.Equal("月销售报表", rows[0]["A"]);
        Assert.Equal("都匀购物中心", rows[1]["A"]);
        Assert.Equal("2026-10-01 – 2026-10-31", rows[2]["A"]);
        Assert.Equal("生成于 2026-11-01 00:15:00", rows[3]["A"]);
        Assert.Equal("按付款方式", rows[4]["A"]);
        var header = ReportWriters.XlsxHeaderRow - 1;
        Assert.Equal(["付款方式", "笔数", "金额"], new[] { rows[header]["A"], rows[header]["B"], rows[header]["C"] });
        Assert.Equal("现金", rows[header + 1]["A"]);
        Assert.Equal(1234.5m, Convert.ToDecimal(rows[header + 1]["C"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.0001m, Convert.ToDecimal(rows[header + 2]["C"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("合计", rows[header + 3]["A"]);
        Assert.Equal(1234.5001m, Convert.ToDecimal(rows[header + 3]["C"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(header + 4, rows.Count);

        var refunds = Sheet(bytes, "退款");
        Assert.Equal("月销售报表", refunds[0]["A"]);
        Assert.Equal("账户", refunds[header]["A"]);
        Assert.Equal("无", refunds[header + 1]["A"]);
    }

    [Fact]
    public void WriteXlsx_EverySheet_FreezesThePanesBelowItsTableHeaderRow()
    {
        var report = Sample();
        var untitled = new ReportTable(null, [new ReportColumn("Meter", ReportColumnKind.Text), new ReportColumn("kWh", ReportColumnKind.Quantity)]);
        untitled.AddRow("E1", 1.5m);
        report.Tables.Insert(0, untitled);

        var bytes = ReportWriters.Write(report, ReportFormat.Xlsx);

        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(bytes));
        var sheets = zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/sheet", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, sheets.Count);
        foreach (var entry in sheets)
        {
            using var reader = new StreamReader(entry.Open());
            var xml = System.Xml.Linq.XDocument.Parse(reader.ReadToEnd());
            var pane = Assert.Single(xml.Descendants(), e => e.Name.LocalName == "pane");
            Assert.Equal("6", (string?)pane.Attribute("ySplit"));
            Assert.Null((string?)pane.Attribute("xSplit"));
            Assert.Equal("A7", (string?)pane.Attribute("topLeftCell"));
            Assert.Equal("frozen", (string?)pane.Attribute("state"));
        }

        // The frozen rows end with the table's column headers, whatever the table.
        using var stream = new MemoryStream(bytes);
        var names = stream.GetSheetNames();
        Assert.Equal("月销售报表", names[0]);
        Assert.Equal("Meter", Sheet(bytes, names[0])[ReportWriters.XlsxHeaderRow - 1]["A"]);
        Assert.Equal("付款方式", Sheet(bytes, names[1])[ReportWriters.XlsxHeaderRow - 1]["A"]);
    }

    [Theory]
    [InlineData("By payment method", "By payment method")]
    [InlineData("Energy and money (opening and closing values)", "Energy and money (opening and c")]
    [InlineData("Loss: kWh / day [T1]?", "Loss  kWh   day  T1")]
    [InlineData("", "Sheet")]
    public void SheetName_Caption_IsAValidSheetName(string caption, string expected) =>
        Assert.Equal(expected, ReportWriters.SheetName(caption, []));

    [Fact]
    public void SheetName_TakenName_GetsANumber() =>
        Assert.Equal("Energy and money (opening a (2)", ReportWriters.SheetName("Energy and money (opening and closing values)", ["Energy and money (opening and c"]));

    [Fact]
    public void WritePdf_Report_KeepsDecimalsAndLanguage()
    {
        var bytes = ReportWriters.Write(Sample(), ReportFormat.Pdf);

        using var pdf = PdfDocument.Open(bytes);
        var text = string.Concat(pdf.GetPage(1).Text.Where(c => !char.IsWhiteSpace(c)));
        Assert.Contains("1,234.5001", text);
        Assert.Contains("0.0001", text);
        Assert.Contains("1,234.50", text);
        Assert.Contains("第1页，共1页", text);
        Assert.Contains("无", text);
    }

    [Theory]
    [InlineData(12.3, "12.30")]
    [InlineData(-0.12345, "-0.1235")]
    [InlineData(1000000, "1,000,000.00")]
    public void Format_Decimal_AtLeastTwoAtMostFourDecimals(double value, string expected) =>
        Assert.Equal(expected, ReportWriters.Format((decimal)value));
}
