using System.Globalization;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// Writes a <see cref="PdfReportModel"/> as an A4 PDF with PDFsharp: the tables laid out first by
/// <see cref="PdfTableLayout"/> (so the page count is known), then every page painted with its header (title, site,
/// period, generation time), its body and its footer ("page x of y"). All text is in the embedded
/// <see cref="ReportFont"/>, which PDFsharp writes once as a composite font (Type0, Identity-H) cut to the glyphs
/// the document uses, with a ToUnicode map so the text can be extracted and searched.
/// </summary>
public static class PdfTableRenderer
{
    private const double TitleSize = 13;
    private const double HeaderTextSize = 9;
    private const double FooterSize = 7.5;

    public static byte[] Render(PdfReportModel model)
    {
        using var output = new MemoryStream();
        Render(model, output);
        return output.ToArray();
    }

    public static void Render(PdfReportModel model, Stream output)
    {
        var measurer = new TextMeasurer(ReportFont.UnitAdvance);
        var layout = new PdfTableLayout(model, measurer);
        var pages = layout.Layout();
        var geometry = layout.Page;
        var header = new HeaderTexts(
            measurer.Clean(model.Title), measurer.Clean(model.SiteName), measurer.Clean(model.Period), measurer.Clean(model.Generated));

        using var document = new PdfDocument();
        document.Info.Title = model.Title;
        document.Info.Creator = "Prepaid";
        document.Options.CompressContentStreams = true;
        var painter = new Painter(geometry);
        for (var i = 0; i < pages.Count; i++)
        {
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(geometry.Width);
            page.Height = XUnit.FromPoint(geometry.Height);
            using (var graphics = XGraphics.FromPdfPage(page))
            {
                var pageText = measurer.Clean(string.Format(CultureInfo.InvariantCulture, model.PageFormat, i + 1, pages.Count));
                foreach (var op in HeaderAndFooter(geometry, layout, measurer, header, pageText))
                {
                    painter.Paint(graphics, op);
                }

                foreach (var op in pages[i])
                {
                    painter.Paint(graphics, op);
                }
            }

            // The page's operations are not needed again once they are painted.
            pages[i] = [];
        }

        document.Save(output, closeStream: false);
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
    /// Paints the layout's operations, which are in PDF user space (origin at the bottom left, y up), onto PDFsharp's
    /// page graphics (origin at the top left, y down). Fonts, pens and brushes are made once per size or gray.
    /// </summary>
    private sealed class Painter(PageGeometry geometry)
    {
        private readonly Dictionary<double, XFont> _fonts = [];
        private readonly Dictionary<(double Width, byte Gray), XPen> _pens = [];
        private readonly Dictionary<byte, XSolidBrush> _brushes = [];

        public void Paint(XGraphics graphics, PageOp op)
        {
            switch (op)
            {
                case TextOp t:
                    graphics.DrawString(t.Text, Font(t.Size), XBrushes.Black, t.X, geometry.Height - t.Y);
                    break;
                case LineOp l:
                    graphics.DrawLine(Pen(l.Width, l.Gray), l.X1, geometry.Height - l.Y1, l.X2, geometry.Height - l.Y2);
                    break;
                case FillOp f:
                    // Filled and outlined in one gray, so that neighbouring fills leave no hairline gap.
                    graphics.DrawRectangle(Pen(0.1, f.Gray), Brush(f.Gray), f.X, geometry.Height - f.Y - f.Height, f.Width, f.Height);
                    break;
            }
        }

        private XFont Font(double size)
        {
            if (!_fonts.TryGetValue(size, out var font))
            {
                font = ReportFont.Create(size);
                _fonts[size] = font;
            }

            return font;
        }

        private XPen Pen(double width, byte gray)
        {
            if (!_pens.TryGetValue((width, gray), out var pen))
            {
                pen = new XPen(Gray(gray), width);
                _pens[(width, gray)] = pen;
            }

            return pen;
        }

        private XSolidBrush Brush(byte gray)
        {
            if (!_brushes.TryGetValue(gray, out var brush))
            {
                brush = new XSolidBrush(Gray(gray));
                _brushes[gray] = brush;
            }

            return brush;
        }

        private static XColor Gray(byte gray) => XColor.FromGrayScale(gray / 255.0);
    }
}
