using System.Globalization;
using System.Text;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// The report font as one composite PDF font (PDF 32000-1 9.7): a Type0 font with the Identity-H encoding over a
/// CIDFontType2 whose CIDs are the TrueType glyph ids (CIDToGIDMap Identity), so any number of distinct Chinese
/// characters fit in one font. Pages are written first, noting every glyph they draw; the font objects come last,
/// with the font program cut to those glyphs by <see cref="TrueTypeSubsetter"/> (which keeps glyph ids), a widths
/// array of exactly those glyphs, and a ToUnicode CMap so that the text can be extracted and searched again.
/// </summary>
internal sealed class PdfCidFont
{
    private const string FamilyName = "WenQuanYiMicroHei";
    private readonly TrueTypeMetrics _metrics;
    private readonly byte[] _program;
    private readonly ushort[] _glyphOf = new ushort[char.MaxValue + 1];
    private readonly ushort _fallback;

    // Glyph id -> the character it was first drawn for; a glyph shared by two characters extracts as the first.
    private readonly SortedDictionary<ushort, char> _used = [];

    public PdfCidFont(TrueTypeMetrics metrics, byte[] program, int objectId)
    {
        _metrics = metrics;
        _program = program;
        ObjectId = objectId;
        _fallback = (ushort)metrics.Glyph('?');
    }

    /// <summary>The object number of the Type0 font, which pages name in their resources.</summary>
    public int ObjectId { get; }

    /// <summary>Glyph ids of <paramref name="text"/> into <paramref name="glyphs"/>; a character the font lacks is drawn as '?'.</summary>
    public int Encode(string text, Span<ushort> glyphs)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var glyph = _glyphOf[c];
            if (glyph == 0)
            {
                glyph = (ushort)_metrics.Glyph(c);
                if (glyph == 0)
                {
                    (glyph, c) = (_fallback, '?');
                }

                _glyphOf[text[i]] = glyph;
                _used.TryAdd(glyph, c);
            }

            glyphs[i] = glyph;
        }

        return text.Length;
    }

    /// <summary>Writes the Type0 font, its CIDFont, descriptor, subset font program and ToUnicode CMap.</summary>
    public void WriteTo(PdfFileWriter writer)
    {
        var (cidFont, descriptor, program, toUnicode) = (writer.Reserve(), writer.Reserve(), writer.Reserve(), writer.Reserve());
        var name = $"{SubsetTag()}+{FamilyName}";
        writer.WriteObject(ObjectId, $"<< /Type /Font /Subtype /Type0 /BaseFont /{name} /Encoding /Identity-H /DescendantFonts [{cidFont} 0 R] /ToUnicode {toUnicode} 0 R >>");
        writer.WriteObject(cidFont, $"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{name} " +
            $"/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /CIDToGIDMap /Identity /DW 0 /W {Widths()} >>");
        var facts = _metrics.Facts;
        writer.WriteObject(descriptor, $"<< /Type /FontDescriptor /FontName /{name} /Flags 4 /FontBBox [{string.Join(' ', facts.Box.Select(PdfFileWriter.Number))}] " +
            $"/ItalicAngle 0 /Ascent {PdfFileWriter.Number(facts.Ascent)} /Descent {PdfFileWriter.Number(facts.Descent)} /CapHeight {PdfFileWriter.Number(facts.CapHeight)} " +
            $"/StemV 80 /FontFile2 {program} 0 R >>");
        var subset = TrueTypeSubsetter.Subset(_program, _used.Keys.Select(g => (int)g));
        writer.WriteStream(program, string.Create(CultureInfo.InvariantCulture, $"/Length1 {subset.Length}"), subset);
        writer.WriteStream(toUnicode, "", Encoding.ASCII.GetBytes(ToUnicode()));
    }

    // Runs of consecutive glyph ids share one array: [first [w1 w2 ...] first [w ...] ...].
    private string Widths()
    {
        var builder = new StringBuilder("[");
        var previous = -2;
        foreach (var glyph in _used.Keys)
        {
            if (glyph != previous + 1)
            {
                builder.Append(previous < 0 ? "" : "] ").Append(glyph.ToString(CultureInfo.InvariantCulture)).Append(" [");
            }
            else
            {
                builder.Append(' ');
            }

            builder.Append(PdfFileWriter.Number(_metrics.GlyphWidth(glyph)));
            previous = glyph;
        }

        return builder.Append(previous < 0 ? "]" : "]]").ToString();
    }

    private string ToUnicode()
    {
        var builder = new StringBuilder()
            .Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n")
            .Append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
            .Append("/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n")
            .Append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        foreach (var chunk in _used.Chunk(100))
        {
            builder.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var (glyph, c) in chunk)
            {
                builder.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}> <{(int)c:X4}>\n");
            }

            builder.Append("endbfchar\n");
        }

        return builder.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n").ToString();
    }

    // Six capital letters derived from the glyph set (9.6.4): the same characters give the same name.
    private string SubsetTag()
    {
        var hash = 17u;
        foreach (var glyph in _used.Keys)
        {
            hash = unchecked((hash * 31) + glyph);
        }

        var tag = new char[6];
        for (var i = 0; i < tag.Length; i++)
        {
            tag[i] = (char)('A' + (hash % 26));
            hash /= 26;
        }

        return new string(tag);
    }
}
