using System.Globalization;
using Prepaid.App.Kernel.Pdf;
using Prepaid.App.Tests.Support;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;
using UglyToad.PdfPig.Tokens;

namespace Prepaid.App.Tests.Kernel.Pdf;

/// <summary>
/// What the PDF library must do with the report font, checked on the PDF it writes, read back with PdfPig: the
/// glyphs drawn are embedded with the font's own outlines and advances, the rest is left out, the text extracts,
/// and the widths in the file are the widths the layout aligned with.
/// </summary>
public sealed class PdfFontEmbeddingTests
{
    // 'À' and '¼' are composite glyphs in WenQuanYi Micro Hei (A + grave; one superior + fraction + four superior).
    private const string Used = "Aa1 电表À¼公摊：";

    private static readonly Lazy<TrueTypeFont> Whole = new(() => Parse(ReportFont.Bytes.ToArray()));

    private static TrueTypeFont Parse(byte[] font) => TrueTypeFontParser.Parse(new TrueTypeDataBytes(font));

    private static PdfReportModel Model(string text)
    {
        var model = new PdfReportModel { SiteName = "站", Title = "表", Period = "1", Generated = "2", PageFormat = "{0}/{1}" };
        var table = new PdfTable(null, [new PdfColumn("列", 1)]);
        table.AddRow(text);
        model.Tables.Add(table);
        return model;
    }

    /// <summary>The font program embedded in the PDF (FontFile2 of its one composite font), decoded.</summary>
    private static byte[] EmbeddedProgram(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var scanner = document.Structure.TokenScanner;
        T Get<T>(DictionaryToken dictionary, string key) where T : class, IToken =>
            dictionary.TryGet<T>(NameToken.Create(key), scanner, out var value) ? value : throw new InvalidOperationException($"no /{key}");

        var fonts = Get<DictionaryToken>(Get<DictionaryToken>(document.GetPage(1).Dictionary, "Resources"), "Font");
        var type0 = Assert.Single(fonts.Data.Values.Select(v => v is IndirectReferenceToken r ? scanner.Get(r.Data)!.Data : v).OfType<DictionaryToken>());
        var descendants = Get<ArrayToken>(type0, "DescendantFonts");
        var cidFont = (DictionaryToken)scanner.Get(((IndirectReferenceToken)Assert.Single(descendants.Data)).Data)!.Data;
        Assert.Equal("Identity", Get<NameToken>(cidFont, "CIDToGIDMap").Data);
        var program = Get<StreamToken>(Get<DictionaryToken>(cidFont, "FontDescriptor"), "FontFile2");
        return program.Decode(document.Structure.FilterProvider, scanner).ToArray();
    }

    // Glyph ids are CIDs (CIDToGIDMap Identity), so the embedded program is read by the whole font's glyph ids.
    private static int Glyph(char c) => Whole.Value.TableRegister.CMapTable.TryGetGlyphIndex(c, out var glyph) ? glyph : 0;

    private static int PointCount(TrueTypeFont font, int glyph) =>
        font.TryGetPath(glyph, g => g, out var paths) ? paths.Sum(p => p.Commands.Count) : 0;

    private static double Advance(TrueTypeFont font, int glyph) =>
        font.TryGetAdvanceWidth(glyph, g => g, out var advance) ? advance : double.NaN;

    [Fact]
    public void Render_UsedCharacters_EmbedsTheWholeFontsOutlinesAndAdvances()
    {
        var subset = Parse(EmbeddedProgram(PdfTableRenderer.Render(Model(Used))));

        foreach (var c in Used.Where(c => c != ' '))
        {
            var glyph = Glyph(c);
            Assert.True(glyph > 0, $"'{c}' is not in the report font");
            Assert.True(PointCount(subset, glyph) > 0, $"'{c}' has no outline in the embedded font");
            Assert.Equal(PointCount(Whole.Value, glyph), PointCount(subset, glyph));
            Assert.Equal(Advance(Whole.Value, glyph), Advance(subset, glyph));
        }
    }

    [Fact]
    public void Render_CompositeGlyph_KeepsItsComponentsAndLeavesUnusedGlyphsOut()
    {
        var subset = Parse(EmbeddedProgram(PdfTableRenderer.Render(Model("À"))));

        // The components of À are kept (so it draws), though 'A' itself was not drawn; B and 电 are left out.
        Assert.True(PointCount(subset, Glyph('À')) > 0);
        Assert.True(PointCount(subset, Glyph('A')) > 0);
        Assert.Equal(0, PointCount(subset, Glyph('B')));
        Assert.Equal(0, PointCount(subset, Glyph('电')));
    }

    [Fact]
    public void Render_ChineseReport_EmbedsAFractionOfTheWholeFont()
    {
        var program = EmbeddedProgram(PdfTableRenderer.Render(Model("公摊分摊明细表都匀世纪广场第页共 0123456789")));

        Assert.True(program.Length < ReportFont.Bytes.Length / 8, $"embedded font {program.Length} bytes of {ReportFont.Bytes.Length}");
    }

    [Fact]
    public void Render_EveryCharacter_DrawsAGlyphAndExtracts()
    {
        const string text = "À¼ 电表 Meter 公摊：12.50";

        using var pdf = PdfDocument.Open(PdfTableRenderer.Render(Model(text)));

        var letters = pdf.GetPage(1).Letters.Where(l => l.FontSize < 9 && l.StartBaseLine.Y is > 60 and < 760).ToList();
        Assert.Equal(text.Replace(" ", ""), string.Concat(letters.Select(l => l.Value)).Replace(" ", ""));
        Assert.All(letters.Where(l => l.Value != " "), l => Assert.True(l.BoundingBox.Width > 0, $"'{l.Value}' has no glyph"));
    }

    [Fact]
    public void Render_DecimalColumn_PointsLineUpInThePdfAsLaidOut()
    {
        // The layout places each number from the widths it measured; a reader places the glyphs from the widths in
        // the file. If the two differed, the decimal points would drift apart along each number.
        var model = Model("x");
        var table = new PdfTable(null, [new PdfColumn("Meter", 2), new PdfColumn("Cost", 1, CellAlignment.Right)]);
        string[] numbers = ["255.00", "35.003", "-1,234.5", "-944.0001", "1,000,000.25", "7.1 %"];
        foreach (var number in numbers)
        {
            table.AddRow("S1-LT-L1-01 商铺", number);
        }

        model.Tables.Add(table);

        using var pdf = PdfDocument.Open(PdfTableRenderer.Render(model));

        var page = pdf.GetPage(1);
        var columnLeft = 36 + ((595.28 - 72) * 2 / 3);
        var points = page.Letters.Where(l => l.Value == "." && l.StartBaseLine.X > columnLeft).ToList();
        Assert.Equal(numbers.Length, points.Count);
        // The file's widths are whole thousandths of an em (PDFsharp rounds them), so a number of n glyphs may move by
        // n × 0.0005 em × 8 pt, 0.05 pt at most here: far below what an eye sees, far above nothing if widths were wrong.
        Assert.All(points, p => Assert.InRange(p.StartBaseLine.X - points[0].StartBaseLine.X, -0.1, 0.1));
        var widest = page.Letters.Where(l => l.Value == "1" && l.StartBaseLine.X > columnLeft).Min(l => l.StartBaseLine.X);
        Assert.True(widest > columnLeft, "the widest number stays inside its column");
    }

    [Fact]
    public void Render_ManyReportsAtOnce_FontResolvedOnceAndEveryPdfReadsBack()
    {
        // PDFsharp's font resolver is process-wide and set once; reports are made concurrently by the schedule and by users.
        var texts = Enumerable.Range(0, 8).Select(i => $"报表 {i.ToString(CultureInfo.InvariantCulture)} 都匀").ToArray();
        var pdfs = new byte[texts.Length][];

        Parallel.For(0, texts.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => pdfs[i] = PdfTableRenderer.Render(Model(texts[i])));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Contains(texts[i].Replace(" ", ""), ReportPdf.Text(pdfs[i]));
        }
    }

    [Theory]
    [InlineData("Arial", false, false)]
    [InlineData("SimSun", true, false)]
    [InlineData("Courier New", false, true)]
    public void Resolver_AnyFamily_IsServedTheEmbeddedFontNeverASystemFont(string family, bool bold, bool italic)
    {
        var resolver = new ReportFontResolver();

        var info = resolver.ResolveTypeface(family, bold, italic);

        Assert.Equal(ReportFontResolver.FaceName, info.FaceName);
        Assert.Equal(bold, info.MustSimulateBold);
        Assert.Equal(italic, info.MustSimulateItalic);
        Assert.Equal(ReportFont.Bytes.ToArray(), resolver.GetFont(info.FaceName));
        Assert.Null(resolver.GetFont("Arial"));
    }
}
