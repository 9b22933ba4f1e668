using Prepaid.App.Kernel.Pdf;
namespace Prepaid.App.Tests.Kernel.Pdf;

/// <summary>The laid-out drawing operations of a page, checked where the read-back text cannot tell (rules, positions).</summary>
public sealed class PdfTableLayoutTests
{
    private static readonly TextMeasurer Measurer = new(ReportFont.UnitAdvance);

    private static List<PageOp> LayOut(PdfTable table, PageOrientation orientation = PageOrientation.Landscape)
    {
        var model = new PdfReportModel { SiteName = "s", Title = "t", Period = "p", Generated = "g", Orientation = orientation };
        model.Tables.Add(table);
        return Assert.Single(new PdfTableLayout(model, Measurer).Layout());
    }

    private static PdfTable EmptyTable(string emptyText) => new("Sharing runs",
    [
        new PdfColumn("Rule", 1.6), new PdfColumn("Month", 0.7), new PdfColumn("Key", 1.2), new PdfColumn("Pool kWh", 0.9, CellAlignment.Right),
        new PdfColumn("Pool (yuan)", 0.9, CellAlignment.Right), new PdfColumn("Net pool", 0.9, CellAlignment.Right), new PdfColumn("Status", 1.1),
    ])
    { EmptyText = emptyText };

    [Theory]
    [InlineData("No sharing run in this period")]
    [InlineData("本期无分摊批次")]
    public void Layout_EmptyTable_MessageIsOneMergedRowCentredOnTheTableWithNoColumnRuleThroughIt(string message)
    {
        var table = EmptyTable(message);
        table.AddTotalRow("Total: 0", "", "", "0.00", "0.00", "0.00", "");
        var page = PageGeometry.A4(PageOrientation.Landscape);

        var ops = LayOut(table);

        var text = Assert.Single(ops.OfType<TextOp>(), t => t.Text == message);
        var centre = text.X + (Measurer.Width(text.Text, text.Size) / 2);
        Assert.InRange(centre, ((page.Left + page.Right) / 2) - 0.5, ((page.Left + page.Right) / 2) + 0.5);
        var inner = ops.OfType<LineOp>().Where(l => l.X1 == l.X2 && l.X1 > page.Left + 1 && l.X1 < page.Right - 1).ToList();
        Assert.Equal(2 * 6, inner.Count); // six inner rules through the header, six through the totals row
        var (textTop, textBottom) = (text.Y + text.Size, text.Y - (text.Size * 0.3));
        Assert.All(inner, l => Assert.False(Math.Min(l.Y1, l.Y2) < textTop && Math.Max(l.Y1, l.Y2) > textBottom,
            $"a column rule at x={l.X1:0.0} from y={l.Y1:0.0} to {l.Y2:0.0} crosses the message at y={text.Y:0.0}"));
        var outer = ops.OfType<LineOp>().Where(l => l.X1 == l.X2 && (Math.Abs(l.X1 - page.Left) < 0.01 || Math.Abs(l.X1 - page.Right) < 0.01)).ToList();
        Assert.Equal(2, outer.Count);
        Assert.All(outer, l => Assert.True(Math.Min(l.Y1, l.Y2) < textBottom && Math.Max(l.Y1, l.Y2) > textTop, "the table's outer border encloses the message"));
    }

    [Fact]
    public void Layout_LongEmptyMessage_WrapsWithinTheTableWidth()
    {
        var message = string.Join(' ', Enumerable.Repeat("Every meter was communicating when the report was generated.", 8));
        var page = PageGeometry.A4(PageOrientation.Portrait);

        var ops = LayOut(EmptyTable(message), PageOrientation.Portrait);

        var lines = ops.OfType<TextOp>().Where(t => t.Text.Contains("communicating", StringComparison.Ordinal)).ToList();
        Assert.True(lines.Count >= 2, $"the message takes {lines.Count} line(s)");
        Assert.All(lines, l => Assert.True(l.X >= page.Left && l.X + Measurer.Width(l.Text, l.Size) <= page.Right, $"'{l.Text}' runs out of the table"));
        Assert.Equal(Squeeze(message), Squeeze(string.Concat(lines.OrderByDescending(l => l.Y).Select(l => l.Text))));
        Assert.DoesNotContain(ops.OfType<LineOp>(), l => l.X1 == l.X2 && l.X1 > page.Left + 1 && l.X1 < page.Right - 1
            && Math.Min(l.Y1, l.Y2) < lines[0].Y && Math.Max(l.Y1, l.Y2) > lines[^1].Y);
    }

    [Fact]
    public void Layout_TableWithRows_DrawsEveryColumnRuleFromTheHeaderToTheBottom()
    {
        var table = EmptyTable("unused");
        table.AddRow("r", "2026-11", "area", "1.00", "2.00", "2.00", "done");
        var page = PageGeometry.A4(PageOrientation.Landscape);

        var ops = LayOut(table);

        var rules = ops.OfType<LineOp>().Where(l => l.X1 == l.X2).ToList();
        Assert.Equal(8, rules.Count);
        var bottom = ops.OfType<LineOp>().Where(l => l.Y1 == l.Y2).Min(l => l.Y1);
        Assert.All(rules, l => Assert.Equal(bottom, Math.Min(l.Y1, l.Y2), 3));
        Assert.DoesNotContain(ops.OfType<TextOp>(), t => t.Text == "unused");
        Assert.Contains(rules, l => Math.Abs(l.X1 - page.Right) < 0.01);
    }

    [Fact]
    public void Layout_NumbersWithDifferentDecimals_AlignOnTheDecimalPointAndTextStaysAtTheEdge()
    {
        var table = new PdfTable(null, [new PdfColumn("Meter", 2), new PdfColumn("Cost (yuan)", 1, CellAlignment.Right), new PdfColumn("Duration", 1, CellAlignment.Right)]);
        table.AddRow("S1-LT-L1-01", "255.00", "0 h 05 min");
        table.AddRow("S1-LT-L2-02", "35.003", "12 h 00 min");
        table.AddRow("S1-LT-L3-03", "-1,234", "");
        table.AddTotalRow("Total", "-944.0001", "");
        var page = PageGeometry.A4(PageOrientation.Landscape);

        var ops = LayOut(table);

        var numbers = new[] { "255.00", "35.003", "-1,234", "-944.0001" }.Select(n => Assert.Single(ops.OfType<TextOp>(), t => t.Text == n)).ToList();
        var points = numbers.Select(t => t.X + Measurer.Width(PdfTableLayout.SplitNumber(t.Text)!.Value.Whole, t.Size)).ToList();
        Assert.All(points, p => Assert.Equal(points[0], p, 3));
        var widest = numbers[3];
        var columnRight = page.Left + (page.ContentWidth * 3 / 4);
        Assert.Equal(columnRight - 3, widest.X + Measurer.Width(widest.Text, widest.Size), 3);
        var durations = ops.OfType<TextOp>().Where(t => t.Text.EndsWith(" min", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, durations.Count);
        Assert.All(durations, d => Assert.Equal(page.Right - 3, d.X + Measurer.Width(d.Text, d.Size), 3));
    }

    [Theory]
    [InlineData("1,234.5678", "1,234", ".5678")]
    [InlineData("-0.12", "-0", ".12")]
    [InlineData("23.71 %", "23", ".71 %")]
    [InlineData("5 %", "5", " %")]
    [InlineData("42", "42", "")]
    public void SplitNumber_PrintedNumber_SplitsBeforeTheDecimalPoint(string text, string whole, string fraction) =>
        Assert.Equal((whole, fraction), PdfTableLayout.SplitNumber(text));

    [Theory]
    [InlineData("0 h 05 min")]
    [InlineData("2026-11-25")]
    [InlineData("-")]
    [InlineData("")]
    public void SplitNumber_OtherText_IsNotANumber(string text) => Assert.Null(PdfTableLayout.SplitNumber(text));

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
