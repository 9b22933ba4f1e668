using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Fonts.TrueType;
using UglyToad.PdfPig.Fonts.TrueType.Parser;
using UglyToad.PdfPig.Writer;
using Prepaid.App.Kernel.Pdf;
namespace Prepaid.App.Tests.Reports;

public sealed class TrueTypeSubsetterTests
{
    // 'À' and '¼' are composite glyphs in WenQuanYi Micro Hei (A + grave; one superior + fraction + four superior).
    private const string Used = "Aa1 电表À¼公摊：";

    private static TrueTypeFont Parse(byte[] font) => TrueTypeFontParser.Parse(new TrueTypeDataBytes(font));

    private static int PointCount(TrueTypeFont font, char c) =>
        font.TryGetPath(c, out var paths) ? paths.Sum(p => p.Commands.Count) : 0;

    [Fact]
    public void Subset_UsedCharacters_SameOutlinesAndAdvancesAsTheWholeFont()
    {
        var whole = Parse(ReportFont.Bytes.ToArray());
        var subset = Parse(ReportFont.SubsetFor(Used));

        foreach (var c in Used.Where(c => c != ' '))
        {
            Assert.True(PointCount(subset, c) > 0, $"'{c}' has no outline in the subset");
            Assert.Equal(PointCount(whole, c), PointCount(subset, c));
            Assert.True(whole.TryGetAdvanceWidth(c, out var wholeAdvance));
            Assert.True(subset.TryGetAdvanceWidth(c, out var subsetAdvance));
            Assert.Equal(wholeAdvance, subsetAdvance);
        }
    }

    [Fact]
    public void Subset_CompositeGlyph_KeepsItsComponentsAndDropsUnusedGlyphs()
    {
        var subset = Parse(ReportFont.SubsetFor("À"));

        // The components of À are kept (so it draws), though 'A' itself was not asked for; B and 电 are emptied.
        Assert.True(PointCount(subset, 'À') > 0);
        Assert.True(PointCount(subset, 'A') > 0);
        Assert.Equal(0, PointCount(subset, 'B'));
        Assert.Equal(0, PointCount(subset, '电'));
    }

    [Fact]
    public void Subset_ChineseReport_IsAFractionOfTheWholeFont()
    {
        var subset = ReportFont.SubsetFor("公摊分摊明细表都匀世纪广场第页共 0123456789");
        Assert.True(subset.Length < ReportFont.Bytes.Length / 8, $"subset {subset.Length} bytes of {ReportFont.Bytes.Length}");
    }

    [Fact]
    public void Subset_InAPdf_EveryCharacterRendersAndExtracts()
    {
        const string text = "À¼ 电表 Meter 公摊：12.50";
        var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(ReportFont.SubsetFor(text));
        var page = builder.AddPage(PageSize.A4);
        page.AddText(text, 12, new PdfPoint(50, 700), font);
        var bytes = builder.Build();

        using var document = PdfDocument.Open(bytes);
        var letters = document.GetPage(1).Letters;
        Assert.Equal(text.Replace(" ", ""), string.Concat(letters.Select(l => l.Value)).Replace(" ", ""));
        Assert.All(letters.Where(l => l.Value != " "), l => Assert.True(l.BoundingBox.Width > 0, $"'{l.Value}' has no glyph"));
    }

    [Fact]
    public void Subset_NotATrueTypeFont_IsRefused()
    {
        var bytes = new byte[64];
        Assert.Throws<InvalidDataException>(() => TrueTypeSubsetter.Subset(bytes, [1]));
    }
}
