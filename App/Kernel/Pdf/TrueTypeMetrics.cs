using System.Buffers.Binary;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// Advance widths straight from a TrueType file's cmap (format 4, Windows Unicode BMP), hhea and hmtx tables.
/// PdfPig's own measuring loads each glyph's outline from the whole font file, which costs milliseconds per
/// distinct Chinese character; a layout only needs the advances.
/// </summary>
internal sealed class TrueTypeMetrics
{
    private readonly byte[] _font;
    private readonly int _cmap;
    private readonly int _hmtx;
    private readonly int _metricsCount;
    private readonly double _unitsPerEm;

    private TrueTypeMetrics(byte[] font, int cmap, int hmtx, int metricsCount, double unitsPerEm, FontFacts facts)
    {
        _font = font;
        _cmap = cmap;
        _hmtx = hmtx;
        _metricsCount = metricsCount;
        _unitsPerEm = unitsPerEm;
        Facts = facts;
    }

    /// <summary>What a PDF font descriptor says about the font, in 1/1000 em (PDF glyph space).</summary>
    public FontFacts Facts { get; }

    public static TrueTypeMetrics Parse(byte[] font)
    {
        var tables = new Dictionary<string, int>();
        var count = U16(font, 4);
        for (var i = 0; i < count; i++)
        {
            var record = 12 + (16 * i);
            tables[System.Text.Encoding.ASCII.GetString(font, record, 4)] = checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8)));
        }

        int Table(string tag) => tables.TryGetValue(tag, out var offset) ? offset : throw new InvalidDataException($"The font has no '{tag}' table.");
        var cmap = Table("cmap");
        var subtable = -1;
        for (var i = 0; i < U16(font, cmap + 2); i++)
        {
            var record = cmap + 4 + (8 * i);
            if (U16(font, record) == 3 && U16(font, record + 2) == 1)
            {
                subtable = cmap + checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 4)));
            }
        }

        if (subtable < 0 || U16(font, subtable) != 4)
        {
            throw new InvalidDataException("The font has no Windows Unicode (3,1) format 4 cmap.");
        }

        var head = Table("head");
        var hhea = Table("hhea");
        double unitsPerEm = U16(font, head + 18);
        double Em(int offset) => Math.Round(BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(offset)) * 1000 / unitsPerEm);
        var os2 = tables.TryGetValue("OS/2", out var o) ? o : -1;
        var facts = new FontFacts(
            [Em(head + 36), Em(head + 38), Em(head + 40), Em(head + 42)],
            Em(hhea + 4),
            Em(hhea + 6),
            os2 >= 0 && U16(font, os2) >= 2 ? Em(os2 + 88) : Em(hhea + 4));
        return new TrueTypeMetrics(font, subtable, Table("hmtx"), U16(font, hhea + 34), unitsPerEm, facts);
    }

    /// <summary>The advance of a glyph in 1/1000 em, the unit of a PDF font's widths.</summary>
    public double GlyphWidth(int glyph) => U16(_font, _hmtx + (4 * Math.Min(glyph, _metricsCount - 1))) * 1000 / _unitsPerEm;

    /// <summary>The advance at font size 1, or null when the font has no glyph for the character.</summary>
    public double? UnitAdvance(char c)
    {
        var glyph = Glyph(c);
        if (glyph == 0)
        {
            return null;
        }

        var index = Math.Min(glyph, _metricsCount - 1);
        return U16(_font, _hmtx + (4 * index)) / _unitsPerEm;
    }

    /// <summary>The glyph id of the character, 0 (.notdef) when the font has none.</summary>
    public int Glyph(char c)
    {
        var segments = U16(_font, _cmap + 6) / 2;
        var ends = _cmap + 14;
        var starts = ends + (2 * segments) + 2;
        var deltas = starts + (2 * segments);
        var ranges = deltas + (2 * segments);
        int lo = 0, hi = segments - 1;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (U16(_font, ends + (2 * mid)) < c)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        var start = U16(_font, starts + (2 * lo));
        if (c < start || c > U16(_font, ends + (2 * lo)))
        {
            return 0;
        }

        var delta = U16(_font, deltas + (2 * lo));
        var rangeAt = ranges + (2 * lo);
        var range = U16(_font, rangeAt);
        if (range == 0)
        {
            return (c + delta) & 0xFFFF;
        }

        var glyph = U16(_font, rangeAt + range + (2 * (c - start)));
        return glyph == 0 ? 0 : (glyph + delta) & 0xFFFF;
    }

    private static int U16(byte[] data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset));
}

/// <summary>Font box, ascent, descent and cap height of a font, in 1/1000 em.</summary>
internal sealed record FontFacts(double[] Box, double Ascent, double Descent, double CapHeight);
