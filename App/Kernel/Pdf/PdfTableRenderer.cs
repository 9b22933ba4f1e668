using System.Globalization;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// Writes a <see cref="PdfReportModel"/> as an A4 PDF: the tables laid out first (so the page count is known),
/// then every page painted with its header (title, site, period, generation time), its body and its footer
/// ("page x of y") and written out at once by <see cref="PdfFileWriter"/>, so that only the page being painted is
/// held as PDF content. All text is in the embedded <see cref="ReportFont"/> as one composite font
/// (<see cref="PdfCidFont"/>), cut to the glyphs the document uses and written after the last page.
/// </summary>
public static class PdfTableRenderer
{
    private const double TitleSize = 13;
    private const double HeaderTextSize = 9;
    private const double FooterSize = 7.5;
    private const string FontResource = "F1";

    public static byte[] Render(PdfReportModel model)
    {
        using var output = new MemoryStream();
        Render(model, output);
        return output.ToArray();
    }

    public static void Render(PdfReportModel model, Stream output)
    {
        var measurer = new TextMeasurer(c => ReportFont.Metrics.UnitAdvance(c));
        var layout = new PdfTableLayout(model, measurer);
        var pages = layout.Layout();
        var geometry = layout.Page;
        var header = new HeaderTexts(
            measurer.Clean(model.Title), measurer.Clean(model.SiteName), measurer.Clean(model.Period), measurer.Clean(model.Generated));

        var writer = new PdfFileWriter(output);
        writer.WriteHeader();
        var (catalog, pageTree, info) = (writer.Reserve(), writer.Reserve(), writer.Reserve());
        var font = new PdfCidFont(ReportFont.Metrics, ReportFont.Program, writer.Reserve());
        var mediaBox = $"[0 0 {PdfFileWriter.Number(geometry.Width)} {PdfFileWriter.Number(geometry.Height)}]";
        var resources = $"<< /Font << /{FontResource} {font.ObjectId} 0 R >> >>";
        var painter = new Painter(font);
        var kids = new List<int>(pages.Count);
        for (var i = 0; i < pages.Count; i++)
        {
            painter.Start();
            var pageText = measurer.Clean(string.Format(CultureInfo.InvariantCulture, model.PageFormat, i + 1, pages.Count));
            foreach (var op in HeaderAndFooter(geometry, layout, measurer, header, pageText))
            {
                painter.Paint(op);
            }

            foreach (var op in pages[i])
            {
                painter.Paint(op);
            }

            // The page's operations are not needed again once its content is written.
            pages[i] = [];
            var (page, content) = (writer.Reserve(), writer.Reserve());
            writer.WriteStream(content, "", painter.Content);
            writer.WriteObject(page, $"<< /Type /Page /Parent {pageTree} 0 R /MediaBox {mediaBox} /Resources {resources} /Contents {content} 0 R >>");
            kids.Add(page);
        }

        font.WriteTo(writer);
        writer.WriteObject(pageTree, $"<< /Type /Pages /Kids [{string.Join(' ', kids.Select(k => $"{k} 0 R"))}] /Count {kids.Count} >>");
        writer.WriteObject(catalog, $"<< /Type /Catalog /Pages {pageTree} 0 R >>");
        writer.WriteObject(info, $"<< /Title {PdfFileWriter.TextString(model.Title)} /Producer (Prepaid) >>");
        writer.Finish(catalog, info);
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

    /// <summary>Paints ops into the content of one page at a time.</summary>
    private sealed class Painter(PdfCidFont font)
    {
        private readonly PdfContentBuilder _content = new();
        private ushort[] _glyphs = new ushort[256];

        public ReadOnlySpan<byte> Content => _content.Content;

        public void Start() => _content.Reset();

        public void Paint(PageOp op)
        {
            switch (op)
            {
                case TextOp t:
                    if (_glyphs.Length < t.Text.Length)
                    {
                        _glyphs = new ushort[t.Text.Length * 2];
                    }

                    var count = font.Encode(t.Text, _glyphs);
                    _content.Text(FontResource, t.Size, t.X, t.Y, _glyphs.AsSpan(0, count));
                    break;
                case LineOp l:
                    _content.Line(l.X1, l.Y1, l.X2, l.Y2, l.Width, l.Gray);
                    break;
                case FillOp f:
                    _content.Rectangle(f.X, f.Y, f.Width, f.Height, f.Gray);
                    break;
            }
        }
    }
}
