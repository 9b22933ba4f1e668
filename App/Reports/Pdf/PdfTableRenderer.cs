using System.Globalization;
using UglyToad.PdfPig.Content;
using UglyToad.PdfPig.Core;
using UglyToad.PdfPig.Writer;

namespace Prepaid.App.Reports.Pdf;

/// <summary>
/// Writes a <see cref="PdfReportModel"/> as an A4 PDF with PdfPig: the tables laid out first (so the page count
/// is known), then every page painted with its header (title, site, period, generation time), its body and its
/// footer ("page x of y"). All text is in the embedded <see cref="ReportFont"/>, cut down to the document's
/// characters by <see cref="TrueTypeSubsetter"/> and subset again per font copy by PdfPig.
/// </summary>
public static class PdfTableRenderer
{
    private const double TitleSize = 13;
    private const double HeaderTextSize = 9;
    private const double FooterSize = 7.5;

    public static byte[] Render(PdfReportModel model)
    {
        var measurer = new TextMeasurer(c => ReportFont.Metrics.UnitAdvance(c));
        var layout = new PdfTableLayout(model, measurer);
        var pages = layout.Layout();
        var geometry = layout.Page;
        var header = new HeaderTexts(
            measurer.Clean(model.Title), measurer.Clean(model.SiteName), measurer.Clean(model.Period), measurer.Clean(model.Generated));
        var frames = new List<List<PageOp>>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            frames.Add(HeaderAndFooter(geometry, layout, measurer, header, string.Format(CultureInfo.InvariantCulture, model.PageFormat, i + 1, pages.Count)));
        }

        // Every character is known before the first font is added, so PdfPig only ever parses the small subset.
        var font = ReportFont.SubsetFor(frames.Concat(pages).SelectMany(ops => ops.OfType<TextOp>()).SelectMany(t => t.Text));

        using var builder = new PdfDocumentBuilder();
        builder.DocumentInformation.Title = model.Title;
        builder.DocumentInformation.Producer = "Prepaid";
        var fonts = new FontSlots(builder, font);
        var portrait = model.Orientation == PageOrientation.Portrait;
        for (var i = 0; i < pages.Count; i++)
        {
            var painter = new Painter(builder.AddPage(PageSize.A4, portrait), fonts, measurer);
            foreach (var op in frames[i].Concat(pages[i]))
            {
                painter.Paint(op);
            }
        }

        return builder.Build();
    }

    private sealed record HeaderTexts(string Title, string Site, string Period, string Generated);

    private static List<PageOp> HeaderAndFooter(PageGeometry g, PdfTableLayout layout, TextMeasurer measurer, HeaderTexts h, string pageText)
    {
        var ops = new List<PageOp>();
        var top = g.Height - PageGeometry.TopMargin;
        var half = g.ContentWidth / 2;
        var site = layout.Fit(h.Site, HeaderTextSize, half - 10);
        ops.Add(new TextOp(site, HeaderTextSize, g.Right - measurer.Width(site, HeaderTextSize), top - 12));
        var title = layout.Fit(h.Title, TitleSize, g.ContentWidth - measurer.Width(site, HeaderTextSize) - 12);
        ops.Add(new TextOp(title, TitleSize, g.Left, top - 13));
        var generated = layout.Fit(h.Generated, FooterSize + 0.5, half - 10);
        ops.Add(new TextOp(layout.Fit(h.Period, HeaderTextSize, half), HeaderTextSize, g.Left, top - 29));
        ops.Add(new TextOp(generated, FooterSize + 0.5, g.Right - measurer.Width(generated, FooterSize + 0.5), top - 29));
        ops.Add(new LineOp(g.Left, top - 35, g.Right, top - 35, 0.8, 60));

        var footerLine = PageGeometry.BottomMargin + PageGeometry.FooterHeight - 8;
        ops.Add(new LineOp(g.Left, footerLine, g.Right, footerLine, 0.5, 120));
        var baseline = PageGeometry.BottomMargin + 4;
        var pageWidth = measurer.Width(pageText, HeaderTextSize - 1);
        ops.Add(new TextOp(pageText, HeaderTextSize - 1, g.Right - pageWidth, baseline));
        var left = layout.Fit($"{h.Site} · {h.Title} · {h.Period}", FooterSize, g.ContentWidth - pageWidth - 20);
        ops.Add(new TextOp(left, FooterSize, g.Left, baseline));
        return ops;
    }

    /// <summary>
    /// PdfPig writes a TrueType font as a simple font of at most 255 distinct characters, and a Chinese report
    /// uses far more. So the same font is added again for every further block of characters, and each character
    /// is always drawn with the copy it was first given to; PdfPig subsets every copy to its own characters.
    /// </summary>
    private sealed class FontSlots
    {
        private const int PerFont = 200;
        private readonly PdfDocumentBuilder _builder;
        private readonly List<PdfDocumentBuilder.AddedFont> _fonts = [];
        private readonly Dictionary<char, int> _slot = [];
        private int _lastCount;

        private readonly byte[] _font;

        public FontSlots(PdfDocumentBuilder builder, byte[] font)
        {
            _builder = builder;
            _font = font;
            _fonts.Add(builder.AddTrueTypeFont(font));
        }

        public int SlotOf(char c)
        {
            if (_slot.TryGetValue(c, out var slot))
            {
                return slot;
            }

            if (_lastCount == PerFont)
            {
                _fonts.Add(_builder.AddTrueTypeFont(_font));
                _lastCount = 0;
            }

            _lastCount++;
            return _slot[c] = _fonts.Count - 1;
        }

        public PdfDocumentBuilder.AddedFont Font(int slot) => _fonts[slot];
    }

    /// <summary>Paints ops on a page, changing colours only when they change.</summary>
    private sealed class Painter(PdfPageBuilder page, FontSlots fonts, TextMeasurer measurer)
    {
        private byte _fill;
        private byte _stroke;

        public void Paint(PageOp op)
        {
            switch (op)
            {
                case TextOp t:
                    Fill(0);
                    DrawText(t);
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

        // Runs of characters that share a font copy, each placed after the previous run's width.
        private void DrawText(TextOp t)
        {
            var x = t.X;
            var start = 0;
            while (start < t.Text.Length)
            {
                var slot = fonts.SlotOf(t.Text[start]);
                var end = start + 1;
                while (end < t.Text.Length && fonts.SlotOf(t.Text[end]) == slot)
                {
                    end++;
                }

                var run = t.Text[start..end];
                page.AddText(run, t.Size, new PdfPoint(x, t.Y), fonts.Font(slot));
                x += measurer.Width(run, t.Size);
                start = end;
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
