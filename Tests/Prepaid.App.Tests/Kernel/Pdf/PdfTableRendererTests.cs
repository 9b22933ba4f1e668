using System.Globalization;
using System.Text.RegularExpressions;
using Prepaid.App.Kernel.Pdf;
using Prepaid.App.Tests.Support;
using UglyToad.PdfPig;

namespace Prepaid.App.Tests.Kernel.Pdf;

public sealed class PdfTableRendererTests
{
    private static PdfReportModel Model(PageOrientation orientation = PageOrientation.Portrait) => new()
    {
        SiteName = "Duyun Mall 都匀购物中心",
        Title = "Daily sales 日销售报表",
        Period = "2026-11-22",
        Generated = "Generated 2026-11-23 00:05:00 by scheduler",
        Orientation = orientation,
    };

    private static PdfTable SalesTable(int rows)
    {
        var table = new PdfTable("Recharges", [
            new PdfColumn("No.", 0.6, CellAlignment.Right),
            new PdfColumn("Account", 1.2),
            new PdfColumn("Shop", 3),
            new PdfColumn("Amount (yuan)", 1.4, CellAlignment.Right),
        ]);
        for (var i = 1; i <= rows; i++)
        {
            table.AddRow(i.ToString(CultureInfo.InvariantCulture), $"A{i:D5}", $"Shop {i} 商铺{i}", $"{i * 10}.00");
        }

        return table;
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    [Fact]
    public void Render_ManyRows_EveryPageHasHeaderFooterRepeatedTableHeaderAndPageXOfY()
    {
        var model = Model();
        model.Tables.Add(SalesTable(400));
        var table = model.Tables[0];
        table.AddTotalRow("", "", "Total", "802000.00");

        var bytes = PdfTableRenderer.Render(model);
        PdfSamples.Save("many-rows.pdf", bytes);

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 5, $"400 rows should take several pages, got {pdf.NumberOfPages}");
        var all = "";
        foreach (var page in pdf.GetPages())
        {
            var text = Squeeze(page.Text);
            Assert.Contains(Squeeze($"Page {page.Number} of {pdf.NumberOfPages}"), text);
            Assert.Contains(Squeeze("Daily sales 日销售报表"), text);
            Assert.Contains(Squeeze("Duyun Mall 都匀购物中心"), text);
            Assert.Contains("2026-11-22", text);
            Assert.Contains(Squeeze("Generated 2026-11-23 00:05:00 by scheduler"), text);
            Assert.Contains(Squeeze("Amount (yuan)"), text);
            Assert.Contains("Recharges", text);
            if (page.Number > 1)
            {
                Assert.Contains("(continued)", text);
            }

            all += text;
        }

        // Every row exactly once, in order.
        var last = -1;
        for (var i = 1; i <= 400; i++)
        {
            var at = all.IndexOf($"A{i:D5}", StringComparison.Ordinal);
            Assert.True(at > last, $"row {i} missing or out of order");
            Assert.Equal(at, all.LastIndexOf($"A{i:D5}", StringComparison.Ordinal));
            last = at;
        }

        Assert.Contains("802000.00", all);
    }

    [Fact]
    public void Render_EmptyTable_PrintsHeaderAndEmptyTextOnOnePage()
    {
        var model = Model();
        model.Tables.Add(new PdfTable("Refunds", [new PdfColumn("Account", 1), new PdfColumn("Amount", 1, CellAlignment.Right)]) { EmptyText = "No refunds 无退款" });

        var bytes = PdfTableRenderer.Render(model);

        using var pdf = PdfDocument.Open(bytes);
        var text = Squeeze(Assert.Single(pdf.GetPages()).Text);
        Assert.Contains("Refunds", text);
        Assert.Contains("Account", text);
        Assert.Contains(Squeeze("No refunds 无退款"), text);
        Assert.Contains(Squeeze("Page 1 of 1"), text);
    }

    [Fact]
    public void Render_RowTallerThanAPage_SplitsItAcrossPagesKeepingEveryLine()
    {
        var model = Model();
        var table = new PdfTable("Notes", [new PdfColumn("Key", 1), new PdfColumn("Text", 4)]);
        table.AddRow("first", "before");
        table.AddRow("tall", string.Join('\n', Enumerable.Range(1, 150).Select(i => $"line-{i:D3}")));
        table.AddRow("last", "after");
        model.Tables.Add(table);

        var bytes = PdfTableRenderer.Render(model);
        PdfSamples.Save("tall-row.pdf", bytes);

        using var pdf = PdfDocument.Open(bytes);
        Assert.True(pdf.NumberOfPages >= 2);
        var all = string.Concat(pdf.GetPages().Select(p => Squeeze(p.Text)));
        var last = all.IndexOf("before", StringComparison.Ordinal);
        for (var i = 1; i <= 150; i++)
        {
            var at = all.IndexOf($"line-{i:D3}", StringComparison.Ordinal);
            Assert.True(at > last, $"line {i} missing or out of order");
            last = at;
        }

        Assert.True(all.IndexOf("after", StringComparison.Ordinal) > last);
        foreach (var page in pdf.GetPages())
        {
            Assert.Contains("Text", Squeeze(page.Text));
            Assert.All(page.Letters, l => Assert.True(l.BoundingBox.Bottom > 20, $"letter '{l.Value}' below the bottom margin on page {page.Number}"));
        }
    }

    [Fact]
    public void Render_VeryLongWord_IsBrokenInsideItsColumn()
    {
        var model = Model();
        var word = string.Concat(Enumerable.Repeat("ABCDEFGHIJ", 30));
        var table = new PdfTable(null, [new PdfColumn("Narrow", 1), new PdfColumn("Wide", 5)]);
        table.AddRow(word, "x");
        model.Tables.Add(table);

        var bytes = PdfTableRenderer.Render(model);

        using var pdf = PdfDocument.Open(bytes);
        var page = Assert.Single(pdf.GetPages());
        Assert.Contains(word, Squeeze(page.Text));
        // The narrow column is a sixth of the content width (36 pt margins on A4).
        var columnRight = 36 + ((595.28 - 72) / 6);
        var wordLetters = page.Letters.Where(l => l.Value.Length == 1 && "ABCDEFGHIJ".Contains(l.Value, StringComparison.Ordinal) && l.StartBaseLine.Y is > 60 and < 770).ToList();
        Assert.Equal(word.Length, wordLetters.Count);
        Assert.All(wordLetters, l => Assert.True(l.EndBaseLine.X <= columnRight, $"letter at {l.EndBaseLine.X} beyond column edge {columnRight}"));
    }

    [Fact]
    public void Render_ChineseAndMixedText_ReadsBackExactly()
    {
        var model = Model();
        var table = new PdfTable("商铺购电与用电 Shop purchases", [new PdfColumn("商铺 Shop", 3), new PdfColumn("金额 Amount", 1, CellAlignment.Right)]);
        table.AddRow("火锅城 Hotpot City（三楼）L3-012", "¥1,234.50");
        table.AddRow("超市：电费、水费与物业费", "-12.3456");
        model.Tables.Add(table);

        var bytes = PdfTableRenderer.Render(model);
        PdfSamples.Save("chinese.pdf", bytes);

        using var pdf = PdfDocument.Open(bytes);
        var text = Squeeze(Assert.Single(pdf.GetPages()).Text);
        Assert.Contains(Squeeze("火锅城 Hotpot City（三楼）L3-012"), text);
        Assert.Contains("超市：电费、水费与物业费", text);
        Assert.Contains("¥1,234.50", text);
        Assert.Contains(Squeeze("商铺购电与用电 Shop purchases"), text);
    }

    [Fact]
    public void Render_ChineseReport_EmbedsSubsetNotWholeFont()
    {
        var model = Model();
        model.Tables.Add(SalesTable(50));

        var bytes = PdfTableRenderer.Render(model);

        Assert.True(ReportFont.Bytes.Length > 3_000_000);
        Assert.True(bytes.Length < 200_000, $"a two-page report is {bytes.Length} bytes: the font is not subset");
    }

    [Fact]
    public void Render_Landscape_PagesAreWiderThanTall()
    {
        var model = Model(PageOrientation.Landscape);
        model.Tables.Add(SalesTable(100));

        using var pdf = PdfDocument.Open(PdfTableRenderer.Render(model));

        Assert.All(pdf.GetPages(), p => Assert.True(p.Width > p.Height));
        Assert.True(pdf.NumberOfPages >= 3);
    }

    [Fact]
    public void Render_RightAlignedColumn_EndsAtTheColumnEdge()
    {
        var model = Model();
        var table = new PdfTable(null, [new PdfColumn("Shop", 3), new PdfColumn("Amount", 1, CellAlignment.Right)]);
        table.AddRow("a", "1.00");
        table.AddTotalRow("Total", "123456.78");
        model.Tables.Add(table);

        using var pdf = PdfDocument.Open(PdfTableRenderer.Render(model));

        var page = Assert.Single(pdf.GetPages());
        var eight = page.Letters.Last(l => l.Value == "8" && l.FontSize < 9);
        var one = page.Letters.Last(l => l.Value == "0" && l.FontSize < 9);
        Assert.InRange(595.28 - 36 - eight.EndBaseLine.X, 1, 6);
        Assert.InRange(eight.EndBaseLine.X - one.EndBaseLine.X, -0.5, 0.5);
    }

    [Fact]
    public void Render_CharactersMissingFromTheFontAndControlCharacters_AreReplacedNotFatal()
    {
        var model = Model();
        var table = new PdfTable(null, [new PdfColumn("Text", 1)]);
        table.AddRow("ok\u0007 tab\there \U0001F600 ᚠ end");
        model.Tables.Add(table);

        using var pdf = PdfDocument.Open(PdfTableRenderer.Render(model));

        var text = Squeeze(Assert.Single(pdf.GetPages()).Text);
        Assert.Contains("end", text);
        Assert.Contains("tab", text);
    }

    [Fact]
    public void Render_SeveralTables_AllOnThePagesInOrder()
    {
        var model = Model();
        model.Tables.Add(SalesTable(30));
        var second = new PdfTable("By payment method", [new PdfColumn("Method", 1), new PdfColumn("Amount", 1, CellAlignment.Right)]);
        second.AddRow("Cash", "10.00");
        model.Tables.Add(second);
        model.Tables.Add(SalesTable(60));

        using var pdf = PdfDocument.Open(PdfTableRenderer.Render(model));

        var all = string.Concat(pdf.GetPages().Select(p => Squeeze(p.Text)));
        Assert.True(all.IndexOf("A00030", StringComparison.Ordinal) < all.IndexOf("Bypaymentmethod", StringComparison.Ordinal));
        Assert.True(all.IndexOf("Bypaymentmethod", StringComparison.Ordinal) < all.LastIndexOf("A00060", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ThousandsOfDistinctChineseCharacters_AllReadBack()
    {
        // A simple TrueType font holds 255 characters; the composite font (2-byte glyph ids) holds them all.
        var model = Model();
        var table = new PdfTable("字", [new PdfColumn("No.", 1), new PdfColumn("Text", 6)]);
        var characters = Enumerable.Range(0x4E00, 3000).Select(c => (char)c).ToArray();
        var lines = characters.Chunk(60).Select(chunk => new string(chunk)).ToList();
        for (var i = 0; i < lines.Count; i++)
        {
            table.AddRow(i.ToString(CultureInfo.InvariantCulture), lines[i]);
        }

        model.Tables.Add(table);

        var bytes = PdfTableRenderer.Render(model);
        PdfSamples.Save("cjk-3000.pdf", bytes);

        using var pdf = PdfDocument.Open(bytes);
        var all = string.Concat(pdf.GetPages().Select(p => Squeeze(p.Text)));
        Assert.All(lines, line => Assert.Contains(line, all));
        Assert.True(bytes.Length < 3_000_000, $"{bytes.Length} bytes");
    }

    [Fact]
    public void Render_ManyPagesOfChinese_OneEmbeddedCompositeFontOnEveryPage()
    {
        var model = Model();
        model.Tables.Add(SalesTable(200));

        var bytes = PdfTableRenderer.Render(model);

        using var pdf = PdfDocument.Open(bytes);
        var fonts = pdf.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName).Distinct().ToList();
        var font = Assert.Single(fonts);
        // A subset tag and the font's name (PDFsharp names it after the family, spaces and all).
        Assert.Matches("^[A-Z]{6}\\+WenQuanYi ?Micro ?Hei$", font);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.Single(Regex.Matches(text, @"/Subtype\s*/Type0\b"));
        Assert.Single(Regex.Matches(text, @"/Subtype\s*/CIDFontType2\b"));
        Assert.Matches(@"/Encoding\s*/Identity-H\b", text);
        Assert.Matches(@"/ToUnicode\s+\d+ 0 R", text);
        Assert.Single(Regex.Matches(text, @"/FontFile2\s+\d+ 0 R"));
    }

    [Fact]
    public void Render_CrossReferenceTable_PointsAtEveryObject()
    {
        var model = Model();
        model.Tables.Add(SalesTable(120));

        var bytes = PdfTableRenderer.Render(model);

        var text = System.Text.Encoding.Latin1.GetString(bytes);
        var startxref = int.Parse(text[(text.LastIndexOf("startxref\n", StringComparison.Ordinal) + 10)..].Split('\n')[0], CultureInfo.InvariantCulture);
        var lines = text[startxref..].Split('\n');
        Assert.Equal("xref", lines[0]);
        var count = int.Parse(lines[1].Split(' ')[1], CultureInfo.InvariantCulture);
        Assert.True(count > 10);
        for (var id = 1; id < count; id++)
        {
            var offset = int.Parse(lines[2 + id][..10], CultureInfo.InvariantCulture);
            Assert.StartsWith($"{id} 0 obj\n", text[offset..], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void PdfTable_RowWithWrongCellCount_Throws()
    {
        var table = new PdfTable(null, [new PdfColumn("A", 1), new PdfColumn("B", 1)]);
        Assert.Throws<ArgumentException>(() => table.AddRow("only one"));
    }
}
