using System.Buffers.Binary;
using System.Text;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// Cuts a TrueType font down to the glyphs a document uses, for embedding in a PDF (<see cref="PdfCidFont"/>).
/// The subset keeps every glyph id where it was (no renumbering, so the cmap table stays valid as it is and the
/// PDF can use glyph ids as CIDs): the glyf table holds only the used glyphs and the components of composite ones,
/// every other glyph becomes empty with a zero advance in hmtx, loca is rewritten in the long format, the post
/// table loses its glyph names (format 3) and the layout and vertical tables, which a PDF never uses, are left out.
/// </summary>
internal static class TrueTypeSubsetter
{
    // Tables a PDF TrueType font program needs (PDF 32000-1 9.9) plus name and OS/2 for a well-formed font.
    private static readonly HashSet<string> Kept = ["head", "hhea", "maxp", "OS/2", "hmtx", "cmap", "fpgm", "prep", "cvt ", "loca", "glyf", "name", "post", "gasp"];

    private const int ArgsAreWords = 0x0001;
    private const int HaveScale = 0x0008;
    private const int MoreComponents = 0x0020;
    private const int HaveXAndYScale = 0x0040;
    private const int HaveTwoByTwo = 0x0080;

    /// <summary>The font with only <paramref name="glyphs"/> (and glyph 0, .notdef, and every composite's components) drawn.</summary>
    public static byte[] Subset(byte[] font, IEnumerable<int> glyphs)
    {
        var tables = Directory(font);
        var head = tables["head"];
        var glyphCount = U16(font, tables["maxp"].Offset + 4);
        var longLoca = BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(head.Offset + 50)) == 1;
        var loca = tables["loca"].Offset;
        var glyf = tables["glyf"].Offset;
        int Start(int g) => longLoca ? checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(loca + (4 * g)))) : 2 * U16(font, loca + (2 * g));

        var keep = new SortedSet<int> { 0 };
        var pending = new Stack<int>(glyphs.Where(g => g > 0 && g < glyphCount));
        while (pending.TryPop(out var g))
        {
            if (!keep.Add(g))
            {
                continue;
            }

            var (start, end) = (Start(g), Start(g + 1));
            if (end - start >= 10 && BinaryPrimitives.ReadInt16BigEndian(font.AsSpan(glyf + start)) < 0)
            {
                foreach (var component in Components(font, glyf + start + 10, glyf + end))
                {
                    if (component < glyphCount && !keep.Contains(component))
                    {
                        pending.Push(component);
                    }
                }
            }
        }

        // glyf with the kept glyphs at their ids, each 4-byte aligned; loca in the long format.
        var newGlyf = new MemoryStream();
        var newLoca = new byte[4 * (glyphCount + 1)];
        for (var g = 0; g < glyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * g), (uint)newGlyf.Length);
            if (keep.Contains(g))
            {
                var (start, end) = (Start(g), Start(g + 1));
                newGlyf.Write(font, glyf + start, end - start);
                while (newGlyf.Length % 4 != 0)
                {
                    newGlyf.WriteByte(0);
                }
            }
        }

        BinaryPrimitives.WriteUInt32BigEndian(newLoca.AsSpan(4 * glyphCount), (uint)newGlyf.Length);

        var output = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var (tag, table) in tables)
        {
            if (Kept.Contains(tag))
            {
                output[tag] = font.AsSpan(table.Offset, table.Length).ToArray();
            }
        }

        // Advances of the emptied glyphs are zeroed too: a long run of zeros costs almost nothing once compressed.
        if (output.TryGetValue("hmtx", out var hmtx))
        {
            var longMetrics = U16(font, tables["hhea"].Offset + 34);
            for (var g = 0; g < glyphCount; g++)
            {
                var (at, size) = g < longMetrics ? (4 * g, 4) : ((4 * longMetrics) + (2 * (g - longMetrics)), 2);
                if (!keep.Contains(g) && at + size <= hmtx.Length)
                {
                    hmtx.AsSpan(at, size).Clear();
                }
            }
        }

        output["glyf"] = newGlyf.ToArray();
        output["loca"] = newLoca;
        var newHead = output["head"];
        BinaryPrimitives.WriteInt16BigEndian(newHead.AsSpan(50), 1);
        BinaryPrimitives.WriteUInt32BigEndian(newHead.AsSpan(8), 0);
        if (output.TryGetValue("post", out var post) && post.Length >= 32)
        {
            var names = post[..32];
            BinaryPrimitives.WriteUInt32BigEndian(names, 0x00030000);
            output["post"] = names;
        }

        return Write(output);
    }

    private static IEnumerable<int> Components(byte[] font, int at, int end)
    {
        int flags;
        do
        {
            if (at + 4 > end)
            {
                yield break;
            }

            flags = U16(font, at);
            yield return U16(font, at + 2);
            at += 4 + ((flags & ArgsAreWords) != 0 ? 4 : 2);
            at += (flags & HaveScale) != 0 ? 2 : (flags & HaveXAndYScale) != 0 ? 4 : (flags & HaveTwoByTwo) != 0 ? 8 : 0;
        }
        while ((flags & MoreComponents) != 0);
    }

    private readonly record struct TableRecord(int Offset, int Length);

    private static Dictionary<string, TableRecord> Directory(byte[] font)
    {
        var tables = new Dictionary<string, TableRecord>(StringComparer.Ordinal);
        for (var i = 0; i < U16(font, 4); i++)
        {
            var record = 12 + (16 * i);
            tables[Encoding.ASCII.GetString(font, record, 4)] = new TableRecord(
                checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 8))),
                checked((int)BinaryPrimitives.ReadUInt32BigEndian(font.AsSpan(record + 12))));
        }

        foreach (var required in new[] { "head", "maxp", "loca", "glyf", "cmap", "hmtx", "hhea" })
        {
            if (!tables.ContainsKey(required))
            {
                throw new InvalidDataException($"The font has no '{required}' table.");
            }
        }

        return tables;
    }

    /// <summary>An sfnt file of the tables in tag order, each 4-byte aligned with its checksum, and head's checksum adjustment.</summary>
    private static byte[] Write(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var power = 1;
        var log = 0;
        while (power * 2 <= count)
        {
            power *= 2;
            log++;
        }

        var size = 12 + (16 * count) + tables.Values.Sum(t => (t.Length + 3) & ~3);
        var file = new byte[size];
        BinaryPrimitives.WriteUInt32BigEndian(file, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(4), (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(6), (ushort)(power * 16));
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(8), (ushort)log);
        BinaryPrimitives.WriteUInt16BigEndian(file.AsSpan(10), (ushort)((count * 16) - (power * 16)));
        var offset = 12 + (16 * count);
        var record = 12;
        var headOffset = -1;
        foreach (var (tag, data) in tables)
        {
            Encoding.ASCII.GetBytes(tag, file.AsSpan(record));
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 4), Checksum(data));
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 8), (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(record + 12), (uint)data.Length);
            data.CopyTo(file, offset);
            headOffset = tag == "head" ? offset : headOffset;
            offset += (data.Length + 3) & ~3;
            record += 16;
        }

        BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(headOffset + 8), unchecked(0xB1B0AFBA - Checksum(file)));
        return file;
    }

    private static uint Checksum(byte[] data)
    {
        uint sum = 0;
        for (var i = 0; i < data.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < data.Length ? data[i + j] : 0u);
            }

            sum = unchecked(sum + word);
        }

        return sum;
    }

    private static int U16(byte[] data, int offset) => BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(offset));
}
