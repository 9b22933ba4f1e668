using MiniExcelLibs;
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

    [Fact]
    public void WriteXlsx_Report_HasHeaderLinesTablesAndExactNumbers()
    {
        var bytes = ReportWriters.Write(Sample(), ReportFormat.Xlsx);

        using var stream = new MemoryStream(bytes);
        var rows = stream.Query(useHeaderRow: false).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal("月销售报表", rows[0]["A"]);
        Assert.Equal("都匀购物中心", rows[1]["A"]);
        Assert.Equal("2026-10-01 – 2026-10-31", rows[2]["A"]);
        var header = rows.FindIndex(r => Equals(r["A"], "付款方式"));
        Assert.True(header > 0);
        Assert.Equal("现金", rows[header + 1]["A"]);
        Assert.Equal(1234.5m, Convert.ToDecimal(rows[header + 1]["C"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.0001m, Convert.ToDecimal(rows[header + 2]["C"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("合计", rows[header + 3]["A"]);
        Assert.Equal(1234.5001m, Convert.ToDecimal(rows[header + 3]["C"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains(rows, r => Equals(r["A"], "无"));
    }

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
