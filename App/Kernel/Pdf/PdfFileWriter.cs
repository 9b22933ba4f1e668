using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// Writes the objects of a PDF file one after another straight to a stream, then the cross-reference table and
/// trailer (PDF 32000-1 7.5). Object numbers are reserved before an object is written, so a page can name its font
/// and its parent before they exist, and nothing but the objects' offsets is kept once an object is written.
/// </summary>
internal sealed class PdfFileWriter(Stream output)
{
    private static readonly Encoding Ascii = Encoding.ASCII;
    private readonly List<long> _offsets = [0];
    private long _position;

    /// <summary>A new object number for an object written later.</summary>
    public int Reserve()
    {
        _offsets.Add(-1);
        return _offsets.Count - 1;
    }

    public void WriteHeader()
    {
        Raw("%PDF-1.7\n");
        // A comment with bytes above 127 tells file-transfer tools the file is binary (7.5.2).
        Bytes([(byte)'%', 0xE2, 0xE3, 0xCF, 0xD3, (byte)'\n']);
    }

    /// <summary>Writes object <paramref name="id"/> with the given body (a dictionary, array or other value).</summary>
    public void WriteObject(int id, string body)
    {
        Begin(id);
        Raw(body);
        Raw("\nendobj\n");
    }

    /// <summary>Writes a stream object, Flate-compressed, whose dictionary has <paramref name="entries"/> besides /Length and /Filter.</summary>
    public void WriteStream(int id, string entries, ReadOnlySpan<byte> data)
    {
        var compressed = Deflate(data);
        Begin(id);
        Raw(string.Create(CultureInfo.InvariantCulture, $"<< {entries} /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n"));
        Bytes(compressed);
        Raw("\nendstream\nendobj\n");
    }

    /// <summary>The cross-reference table and trailer; every reserved object must have been written.</summary>
    public void Finish(int root, int info)
    {
        var missing = _offsets.FindIndex(1, o => o < 0);
        if (missing > 0)
        {
            throw new InvalidOperationException($"PDF object {missing} was reserved but never written.");
        }

        var xref = _position;
        var table = new StringBuilder(64 + (20 * _offsets.Count));
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {_offsets.Count}\n0000000000 65535 f \n");
        for (var i = 1; i < _offsets.Count; i++)
        {
            table.Append(CultureInfo.InvariantCulture, $"{_offsets[i]:D10} 00000 n \n");
        }

        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {_offsets.Count} /Root {root} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        Raw(table.ToString());
        output.Flush();
    }

    /// <summary>A text string as UTF-16BE with a byte order mark, in hexadecimal (7.9.2.2), for any language.</summary>
    public static string TextString(string text)
    {
        var builder = new StringBuilder(6 + (4 * text.Length)).Append("<FEFF");
        foreach (var c in text)
        {
            builder.Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
        }

        return builder.Append('>').ToString();
    }

    /// <summary>A number as PDF writes it: invariant, at most 3 decimals, no exponent.</summary>
    public static string Number(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    private static byte[] Deflate(ReadOnlySpan<byte> data)
    {
        using var buffer = new MemoryStream(Math.Max(256, data.Length / 3));
        using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }

        return buffer.ToArray();
    }

    private void Begin(int id)
    {
        if (id <= 0 || id >= _offsets.Count || _offsets[id] >= 0)
        {
            throw new InvalidOperationException($"PDF object {id} was not reserved or is written twice.");
        }

        _offsets[id] = _position;
        Raw(string.Create(CultureInfo.InvariantCulture, $"{id} 0 obj\n"));
    }

    private void Raw(string text) => Bytes(Ascii.GetBytes(text));

    private void Bytes(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        _position += bytes.Length;
    }
}
