using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Prepaid.App.Configuration.Import;

namespace Prepaid.Benchmarks;

/// <summary>
/// Small files that are big once read: written part by part with System.IO.Compression, each streamed into its zip
/// entry so that making a 300 MB string costs no 300 MB. Used by the import limit tests and the <c>import --hostile</c> benchmark.
/// </summary>
public static class HostileWorkbooks
{
    /// <summary>A Meters header, then one value in column XFD (the last of 16,384) on each of <paramref name="rows"/> rows.</summary>
    public static MemoryStream WideRows(int rows = 20_000) => Package("Meters", sheet =>
    {
        Header(sheet, SpreadsheetTemplate.Meters);
        for (var r = 2; r <= rows + 1; r++)
        {
            Write(sheet, $"<row r=\"{r}\"><c r=\"XFD{r}\"><v>{r}</v></c></row>");
        }
    }, dimension: $"A1:XFD{rows + 1}");

    /// <summary>
    /// A Meters header whose first data row refers to one shared string of <paramref name="chars"/> characters; with
    /// <paramref name="lie"/> the zip directory claims the strings part unpacks to 1 KB.
    /// </summary>
    public static MemoryStream HugeSharedString(long chars = 300_000_000, bool lie = false)
    {
        var file = Package("Meters", sheet =>
        {
            Header(sheet, SpreadsheetTemplate.Meters);
            Write(sheet, "<row r=\"2\"><c r=\"A2\" t=\"s\"><v>0</v></c></row>");
        }, sharedStrings: strings =>
        {
            Write(strings, "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"1\" uniqueCount=\"1\"><si><t>");
            var chunk = Encoding.ASCII.GetBytes(new string('a', 1 << 16));
            for (var left = chars; left > 0; left -= chunk.Length)
            {
                strings.Write(chunk, 0, (int)Math.Min(left, chunk.Length));
            }

            Write(strings, "</t></si></sst>");
        });
        if (lie)
        {
            Declare(file, "xl/sharedStrings.xml", 1024);
        }

        return file;
    }

    /// <summary>A Meters header, then blank rows down to <paramref name="lastRow"/> (by default about 1.2 MB compressed, 9 MB unpacked).</summary>
    public static MemoryStream BlankRows(int lastRow = 460_000) => Package("Meters", sheet =>
    {
        Header(sheet, SpreadsheetTemplate.Meters);
        for (var r = 2; r <= lastRow; r++)
        {
            Write(sheet, $"<row r=\"{r}\" ht=\"15\"/>");
        }
    });

    /// <summary>A workbook of one sheet named <paramref name="sheetName"/> whose data the callers write.</summary>
    public static MemoryStream Package(string sheetName, Action<Stream> sheetData, Action<Stream>? sharedStrings = null, string? dimension = null)
    {
        var file = new MemoryStream();
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            void Part(string name, Action<Stream> write)
            {
                using var stream = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open();
                using var buffered = new BufferedStream(stream, 1 << 16);
                write(buffered);
            }

            Part("[Content_Types].xml", s => Write(s,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">" +
                "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/>" +
                "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>" +
                "<Override PartName=\"/xl/worksheets/sheet1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" +
                (sharedStrings is null ? "" : "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>") +
                "</Types>"));
            Part("_rels/.rels", s => Write(s,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"));
            Part("xl/workbook.xml", s => Write(s,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" " +
                "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>" +
                $"<sheet name=\"{sheetName}\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"));
            Part("xl/_rels/workbook.xml.rels", s => Write(s,
                "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" +
                "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>" +
                (sharedStrings is null ? "" : "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>") +
                "</Relationships>"));
            if (sharedStrings is not null)
            {
                Part("xl/sharedStrings.xml", s =>
                {
                    Write(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
                    sharedStrings(s);
                });
            }

            Part("xl/worksheets/sheet1.xml", s =>
            {
                Write(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" +
                    (dimension is null ? "" : $"<dimension ref=\"{dimension}\"/>") + "<sheetData>");
                sheetData(s);
                Write(s, "</sheetData></worksheet>");
            });
        }

        file.Position = 0;
        return file;
    }

    /// <summary>Row 1: the template's headers as inline strings.</summary>
    public static void Header(Stream sheet, TemplateSheet template)
    {
        var cells = string.Concat(template.Columns.Select((c, i) => $"<c r=\"{SpreadsheetTemplate.ColumnLetter(i)}1\" t=\"inlineStr\"><is><t>{c.Name}</t></is></c>"));
        Write(sheet, $"<row r=\"1\">{cells}</row>");
    }

    public static void Write(Stream stream, string text) => stream.Write(Encoding.UTF8.GetBytes(text));

    /// <summary>Rewrites the unpacked size the zip's local header and central directory claim for one part.</summary>
    public static void Declare(MemoryStream file, string part, uint size)
    {
        var bytes = file.GetBuffer().AsSpan(0, (int)file.Length);
        var name = Encoding.UTF8.GetBytes(part);
        for (var i = 0; i + 46 <= bytes.Length; i++)
        {
            var signature = BinaryPrimitives.ReadUInt32LittleEndian(bytes[i..]);
            if (signature == 0x04034b50 && bytes.Slice(i + 30, BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i + 26)..])).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes[(i + 22)..], size);
            }
            else if (signature == 0x02014b50 && bytes.Slice(i + 46, BinaryPrimitives.ReadUInt16LittleEndian(bytes[(i + 28)..])).SequenceEqual(name))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(bytes[(i + 24)..], size);
            }
        }

        file.Position = 0;
    }
}
