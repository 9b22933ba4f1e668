using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Prepaid.App.Reports.Pdf;

/// <summary>
/// Writes a <see cref="PdfReportModel"/> as an A4 PDF with PdfPig: the tables laid out first (so the page count
/// is known), then every page painted with its header (title, site, period, generation time), its body and its
/// footer ("page x of y"). All text is in the embedded <see cref="ReportFont"/>, subset by PdfPig.
/// </summary>
public static class PdfTableRenderer
{
    private const double TitleSize = 13;
    private const double HeaderTextSize = 9;
    private const double FooterSize = 7.5;

    public static byte[] Render(PdfReportModel model)
    {
        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = model.Title;
        builder.DocumentInformation.Producer = "Prepaid";
        var font = builder.AddTrueTypeFont(ReportFont.Bytes);
        var portrait = model.Orientation == PageOrientation.Portrait;
        var first = builder.AddPage(PageSize.A4, portrait);
        var measurer = new TextMeasurer(c => UnitAdvance(first, font, c));
        var layout = new PdfTableLayout(model, measurer);
        var pages = layout.Layout();
        var geometry = layout.Page;

        var header = new HeaderTexts(
            measurer.Clean(model.Title), measurer.Clean(model.SiteName), measurer.Clean(model.Period), measurer.Clean(model.Generated));
        for (var i = 0; i < pages.Count; i++)
        {
            var page = i == 0 ? first : builder.AddPage(PageSize.A4, portrait);
            var painter = new Painter(page, font);
            PaintHeaderAndFooter(painter, geometry, layout, measurer, header,
                string.Format(CultureInfo.InvariantCulture, model.PageFormat, i + 1, pages.Count));
            foreach (var op in pages[i])
            {
                painter.Paint(op);
            }
        }

        return builder.Build();
    }

    private sealed record HeaderTexts(string Title, string Site, string Period, string Generated);

    private static void PaintHeaderAndFooter(Painter painter, PageGeometry g, PdfTableLayout layout, TextMeasurer measurer, HeaderTexts h, string pageText)
    {
        var top = g.Height - PageGeometry.TopMargin;
        var half = g.ContentWidth / 2;
        var site = layout.Fit(h.Site, HeaderTextSize, half - 10);
        painter.Paint(new TextOp(site, HeaderTextSize, g.Right - measurer.Width(site, HeaderTextSize), top - 12));
        var title = layout.Fit(h.Title, TitleSize, g.ContentWidth - measurer.Width(site, HeaderTextSize) - 12);
        painter.Paint(new TextOp(title, TitleSize, g.Left, top - 13));
        var generated = layout.Fit(h.Generated, FooterSize + 0.5, half - 10);
        painter.Paint(new TextOp(layout.Fit(h.Period, HeaderTextSize, half), HeaderTextSize, g.Left, top - 29));
        painter.Paint(new TextOp(generated, FooterSize + 0.5, g.Right - measurer.Width(generated, FooterSize + 0.5), top - 29));
        painter.Paint(new LineOp(g.Left, top - 35, g.Right, top - 35, 0.8, 60));

        var footerLine = PageGeometry.BottomMargin + PageGeometry.FooterHeight - 8;
        painter.Paint(new LineOp(g.Left, footerLine, g.Right, footerLine, 0.5, 120));
        var baseline = PageGeometry.BottomMargin + 4;
        var pageWidth = measurer.Width(pageText, HeaderTextSize - 1);
        painter.Paint(new TextOp(pageText, HeaderTextSize - 1, g.Right - pageWidth, baseline));
        var left = layout.Fit($"{h.Site} · {h.Title} · {h.Period}", FooterSize, g.ContentWidth - pageWidth - 20);
        painter.Paint(new TextOp(left, FooterSize, g.Left, baseline));
    }

    // Advance width at size 1, or null when the font has no glyph for the character.
    private static double? UnitAdvance(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font, char c)
    {
        try
        {
            var letters = page.MeasureText(c.ToString(), 1, new PdfPoint(0, 0), font);
            return letters.Count == 0 ? null : letters[^1].EndBaseLine.X - letters[0].StartBaseLine.X;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or NotSupportedException or KeyNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Paints ops on a page, changing colours only when they change.</summary>
    private sealed class Painter(PdfPageBuilder page, PdfDocumentBuilder.AddedFont font)
    {
        private byte _fill;
        private byte _stroke;

        public void Paint(PageOp op)
        {
            switch (op)
            {
                case TextOp t:
                    Fill(0);
                    page.AddText(t.Text, t.Size, new PdfPoint(t.X, t.Y), font);
                    break;
                case LineOp l:
                    Stroke(l.Gray);
                    page.DrawLine(new PdfPoint(l.X1, l.Y1), new PdfPoint(l.X2, l.Y2), l.Width);
                    break;
                case FillOp f:
                    Fill(f.Gray);
                    Stroke(f.Gray);
                    page.DrawRectangle(new PdfPoint(f.X, f.Y), f.Width, f.Height, 0.1, fill: true);
                    break;
            }
        }

        private void Fill(byte gray)
        {
            if (gray != _fill)
            {
                page.SetTextAndFillColor(gray, gray, gray);
                _fill = gray;
            }
        }

        private void Stroke(byte gray)
        {
            if (gray != _stroke)
            {
                page.SetStrokeColor(gray, gray, gray);
                _stroke = gray;
            }
        }
    }
}
