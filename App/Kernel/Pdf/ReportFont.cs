using System.Collections.Concurrent;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// The TrueType font shipped in the assembly for every report (Fonts/README.md: source and licence), served to
/// PDFsharp by <see cref="ReportFontResolver"/> and measured through PDFsharp, so the layout's widths are the
/// widths PDFsharp writes into the PDF.
/// </summary>
public static class ReportFont
{
    /// <summary>The family name every report font is asked for; the resolver serves the embedded font for any name.</summary>
    public const string FamilyName = "WenQuanYi Micro Hei";

    private const string ResourceName = "Prepaid.App.Kernel.Pdf.Fonts.WenQuanYiMicroHei.ttf";
    private const double MeasureSize = 1000;
    private static readonly Lazy<byte[]> Data = new(Load);
    private static readonly Lazy<Measure> Measuring = new(() => new Measure());
    private static readonly ConcurrentDictionary<char, double?> Advances = new();
    private static readonly object ResolverGate = new();
    private static volatile bool _resolverInstalled;

    /// <summary>The font file's bytes, read once from the embedded resource.</summary>
    public static ReadOnlyMemory<byte> Bytes => Data.Value;

    /// <summary>The font program for PDFsharp (which reads it and never changes it).</summary>
    internal static byte[] Program => Data.Value;

    /// <summary>
    /// Makes PDFsharp find the report font: <see cref="GlobalFontSettings.FontResolver"/> is process-wide and may be
    /// set only before the first font is used, so it is set once here, under a lock, before any report font is made.
    /// </summary>
    internal static void EnsureResolver()
    {
        if (_resolverInstalled)
        {
            return;
        }

        lock (ResolverGate)
        {
            if (!_resolverInstalled)
            {
                if (GlobalFontSettings.FontResolver is not ReportFontResolver)
                {
                    GlobalFontSettings.FontResolver = new ReportFontResolver();
                }

                _resolverInstalled = true;
            }
        }
    }

    /// <summary>
    /// The report font at <paramref name="size"/> points, always encoded as Unicode: one composite font (Type0,
    /// Identity-H, subset, with a ToUnicode map) for every character, Latin and Chinese alike.
    /// </summary>
    internal static XFont Create(double size)
    {
        EnsureResolver();
        return new XFont(FamilyName, size, XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));
    }

    /// <summary>The advance width of <paramref name="c"/> at size 1, as PDFsharp measures and writes it; null when the font has no glyph for it.</summary>
    internal static double? UnitAdvance(char c) => Advances.GetOrAdd(c, static ch => Measuring.Value.UnitAdvance(ch));

    private static byte[] Load()
    {
        using var stream = typeof(ReportFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The report font resource {ResourceName} is missing from the assembly.");
        using var memory = new MemoryStream((int)stream.Length);
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    /// <summary>One PDFsharp measuring context, used under a lock (an XGraphics is not meant for concurrent use).</summary>
    private sealed class Measure
    {
        private readonly XFont _font = Create(MeasureSize);
        private readonly XGraphics _context = XGraphics.CreateMeasureContext(new XSize(1, 1), XGraphicsUnit.Point, XPageDirection.Downwards);
        private readonly Lock _gate = new();

        public double? UnitAdvance(char c)
        {
            if (char.IsSurrogate(c))
            {
                return null;
            }

            lock (_gate)
            {
                if (GlyphHelper.GlyphIndexFromCodePoint(c, _font) == 0)
                {
                    return null;
                }

                return _context.MeasureString(c.ToString(), _font).Width / MeasureSize;
            }
        }
    }
}
