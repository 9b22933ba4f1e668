using System.Buffers;
using System.Globalization;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// The content stream of one page (PDF 32000-1 8 and 9.4), written as ASCII bytes into a buffer that is reused
/// from page to page: lines, filled rectangles, gray levels, and text as 2-byte glyph ids of a Type0 font.
/// Colour and line width are only written when they change.
/// </summary>
internal sealed class PdfContentBuilder
{
    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private byte? _fill;
    private byte? _stroke;
    private double? _lineWidth;

    public ReadOnlySpan<byte> Content => _buffer.WrittenSpan;

    /// <summary>Starts a new page: the buffer is emptied and the graphics state is the initial one again.</summary>
    public void Reset()
    {
        _buffer.ResetWrittenCount();
        (_fill, _stroke, _lineWidth) = (null, null, null);
    }

    public void Line(double x1, double y1, double x2, double y2, double width, byte gray)
    {
        Stroke(gray);
        Width(width);
        Number(x1).Number(y1).Ascii("m ").Number(x2).Number(y2).Ascii("l S\n");
    }

    /// <summary>A rectangle filled and outlined in one gray, like PdfPig's filled rectangle.</summary>
    public void Rectangle(double x, double y, double width, double height, byte gray)
    {
        Fill(gray);
        Stroke(gray);
        Width(0.1);
        Number(x).Number(y).Number(width).Number(height).Ascii("re B\n");
    }

    /// <summary>Black text in font <paramref name="font"/> at a baseline origin; <paramref name="glyphs"/> are its glyph ids.</summary>
    public void Text(string font, double size, double x, double y, ReadOnlySpan<ushort> glyphs)
    {
        Fill(0);
        Ascii("BT /").Ascii(font).Ascii(" ").Number(size).Ascii("Tf ").Number(x).Number(y).Ascii("Td <");
        var span = _buffer.GetSpan(4 * glyphs.Length);
        for (var i = 0; i < glyphs.Length; i++)
        {
            var g = glyphs[i];
            span[4 * i] = Hex(g >> 12);
            span[(4 * i) + 1] = Hex((g >> 8) & 0xF);
            span[(4 * i) + 2] = Hex((g >> 4) & 0xF);
            span[(4 * i) + 3] = Hex(g & 0xF);
        }

        _buffer.Advance(4 * glyphs.Length);
        Ascii("> Tj ET\n");
    }

    private void Fill(byte gray)
    {
        if (_fill != gray)
        {
            Gray(gray).Ascii("g\n");
            _fill = gray;
        }
    }

    private void Stroke(byte gray)
    {
        if (_stroke != gray)
        {
            Gray(gray).Ascii("G\n");
            _stroke = gray;
        }
    }

    private void Width(double width)
    {
        if (_lineWidth != width)
        {
            Number(width).Ascii("w\n");
            _lineWidth = width;
        }
    }

    private PdfContentBuilder Gray(byte gray) => Number(gray / 255.0);

    /// <summary>A number and a space: invariant, at most 3 decimals.</summary>
    private PdfContentBuilder Number(double value)
    {
        var span = _buffer.GetSpan(32);
        if (!Math.Round(value, 3).TryFormat(span, out var written, "0.###", CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Cannot write the number {value} in a page.");
        }

        span[written] = (byte)' ';
        _buffer.Advance(written + 1);
        return this;
    }

    private PdfContentBuilder Ascii(string text)
    {
        var span = _buffer.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        _buffer.Advance(text.Length);
        return this;
    }

    private static byte Hex(int nibble) => (byte)(nibble < 10 ? '0' + nibble : 'A' + nibble - 10);
}
