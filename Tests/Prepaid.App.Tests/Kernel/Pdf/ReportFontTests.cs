using Prepaid.App.Kernel.Pdf;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Prepaid.App.Tests.Kernel.Pdf;

public sealed class ReportFontTests
{
    [Fact]
    public void UnitAdvance_ReportFont_EqualsPdfPigsOwnMeasure()
    {
        using var builder = new PdfDocumentBuilder();
        var font = builder.AddTrueTypeFont(ReportFont.Bytes);
        var page = builder.AddPage(PageSize.A4);

        foreach (var c in "Aa1 .,¥（中文商铺）：W")
        {
            var letters = page.MeasureText(c.ToString(), 1, new PdfPoint(0, 0), font);
            var pdfPig = letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
            Assert.Equal(pdfPig, ReportFont.UnitAdvance(c)!.Value, 6);
        }
    }

    [Fact]
    public void UnitAdvance_CharacterNotInTheFont_IsNull() =>
        Assert.Null(ReportFont.UnitAdvance('\uE000'));
}
