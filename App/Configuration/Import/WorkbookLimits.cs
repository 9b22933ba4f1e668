using System.IO.Compression;
using System.Xml;
using Prepaid.App.Kernel.Validation;

namespace Prepaid.App.Configuration.Import;

/// <summary>
/// Checks an .xlsx package against the import limits before ExcelDataReader opens it, so that a small file that
/// unpacks to gigabytes is refused without being unpacked: the sizes the zip directory declares, then every part
/// unpacked as a stream with its bytes counted (a directory can lie), every shared string and cell text measured in
/// chunks without being built, and no run of text between two XML marks longer than a cell could need (so neither
/// this check nor ExcelDataReader ever holds one enormous attribute or text).
/// </summary>
public static class WorkbookLimits
{
    /// <summary>The English texts of the limit errors (pages localize <c>Config.Error.{Code}</c>).</summary>
    private static readonly Dictionary<string, string> English = new(StringComparer.Ordinal)
    {
        ["Unpacked"] = "The workbook unpacks to more than {0} bytes (Import:MaxUncompressedBytes); it was not read.",
        ["SharedStringTooLong"] = "Shared string {1} of the workbook has more than {0} characters; the limit is {0} per cell (Import:MaxCellChars).",
        ["CellTooLong"] = "The cell has more than {0} characters; the limit is {0} per cell (Import:MaxCellChars).",
        ["RowsBeyondLimit"] = "{field}: row {1} is beyond the limit of {0} rows per sheet (Import:MaxRowsPerSheet); blank rows count too.",
        ["CellBeyondColumns"] = "A value lies beyond the first {0} columns read (the template's columns plus Import:ExtraColumns); move it left or delete it.",
        ["ColumnBeyondLimit"] = "{field}: the column is beyond the first {0} columns read (the template's columns plus Import:ExtraColumns); move it left.",
    };

    /// <summary>Bytes of XML per character at most (<c>&amp;#1114111;</c>): a run longer than the cell limit times this is refused unparsed.</summary>
    private const int BytesPerChar = 10;

    public static ConfigurationError Error(string field, string code, params object?[] args)
    {
        var error = new ConfigurationError(field, code, args);
        return error with { EnglishText = error.Format(English[code]) };
    }

    /// <summary>The first limit the package breaks, or null (also for content that is not a zip at all: the reader reports that).</summary>
    /// <remarks>Leaves <paramref name="content"/> at position 0.</remarks>
    public static ImportError? Check(Stream content, ImportOptions limits, CancellationToken ct)
    {
        try
        {
            if (!IsZip(content))
            {
                return null;
            }

            ZipArchive zip;
            try
            {
                zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException)
            {
                return null;
            }

            using (zip)
            {
                return Check(zip, limits, ct);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or XmlException or IOException)
        {
            // A damaged part: the same answer as when ExcelDataReader fails on it, but its parts were never unpacked beyond the limit.
            return new ImportError(null, null, null, new ConfigurationError("", "NotSpreadsheet", ex.Message));
        }
        finally
        {
            content.Position = 0;
        }
    }

    private static bool IsZip(Stream content)
    {
        Span<byte> head = stackalloc byte[4];
        content.Position = 0;
        var read = content.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        content.Position = 0;
        return read == 4 && head.SequenceEqual("PK\u0003\u0004"u8);
    }

    private static ImportError? Check(ZipArchive zip, ImportOptions limits, CancellationToken ct)
    {
        var unpacked = Error("", "Unpacked", limits.MaxUncompressedBytes);
        long declared = 0;
        foreach (var entry in zip.Entries)
        {
            declared += entry.Length;
            if (entry.Length < 0 || declared > limits.MaxUncompressedBytes)
            {
                return new ImportError(null, null, null, unpacked);
            }
        }

        var budget = new Budget(limits.MaxUncompressedBytes, (long)limits.MaxCellChars * BytesPerChar, ct);
        var part = "xl/workbook.xml";
        try
        {
            var sheets = SheetNames(zip, budget);
            foreach (var entry in zip.Entries)
            {
                var name = part = entry.FullName.TrimStart('/');
                if (string.Equals(name, "xl/sharedStrings.xml", StringComparison.OrdinalIgnoreCase))
                {
                    if (SharedStrings(entry, budget, limits.MaxCellChars) is { } error)
                    {
                        return error;
                    }
                }
                else if (sheets.TryGetValue(name, out var sheet)
                    || (name.StartsWith("xl/worksheets/", StringComparison.OrdinalIgnoreCase) && name.EndsWith(".xml", StringComparison.OrdinalIgnoreCase)
                        && (sheet = Path.GetFileNameWithoutExtension(name)) is not null))
                {
                    var template = SpreadsheetTemplate.Sheets.FirstOrDefault(t => string.Equals(t.Name, sheet.Trim(), StringComparison.OrdinalIgnoreCase));
                    var width = template is null ? int.MaxValue : WorkbookReader.Width(template, limits);
                    if (Cells(entry, sheet, width, budget, limits.MaxCellChars) is { } error)
                    {
                        return error;
                    }
                }
                else
                {
                    using var stream = budget.Open(entry);
                    stream.CopyTo(Stream.Null);
                }
            }
        }
        catch (OverBudgetException)
        {
            return new ImportError(null, null, null, unpacked);
        }
        catch (RunTooLongException)
        {
            // Outside the cells (styles, workbook ...): no text of a real workbook comes near the limit there.
            return new ImportError(null, null, null, new ConfigurationError("", "NotSpreadsheet",
                $"{part} holds a text or tag longer than {(long)limits.MaxCellChars * BytesPerChar} bytes"));
        }

        return null;
    }

    /// <summary>Worksheet part (e.g. <c>xl/worksheets/sheet4.xml</c>) to sheet name, from the workbook and its relationships.</summary>
    private static Dictionary<string, string> SheetNames(ZipArchive zip, Budget budget)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var workbook = zip.GetEntry("xl/workbook.xml");
        var rels = zip.GetEntry("xl/_rels/workbook.xml.rels");
        if (workbook is null || rels is null)
        {
            return result;
        }

        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        using (var reader = XmlReader.Create(budget.Open(rels), Settings))
        {
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "Relationship" } && reader.GetAttribute("Id") is { } id && reader.GetAttribute("Target") is { } target)
                {
                    targets[id] = target.StartsWith('/') ? target.TrimStart('/') : "xl/" + target;
                }
            }
        }

        using (var reader = XmlReader.Create(budget.Open(workbook), Settings))
        {
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "sheet" } && reader.GetAttribute("name") is { } name
                    && reader.GetAttribute("id", "http://schemas.openxmlformats.org/officeDocument/2006/relationships") is { } id
                    && targets.TryGetValue(id, out var part))
                {
                    result[part] = name;
                }
            }
        }

        return result;
    }

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    /// <summary>The shared strings: each <c>si</c> (its runs together, as a cell shows it) no longer than the limit.</summary>
    private static ImportError? SharedStrings(ZipArchiveEntry entry, Budget budget, int maxChars)
    {
        var index = 0;
        try
        {
            using var reader = XmlReader.Create(budget.Open(entry), Settings);
            var length = 0L;
            var buffer = new char[4096];
            while (reader.Read())
            {
                if (reader is { NodeType: XmlNodeType.Element, LocalName: "si" })
                {
                    index++;
                    length = 0;
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace
                    && (length += Measure(reader, buffer, maxChars - length)) > maxChars)
                {
                    return new ImportError(null, null, null, Error("", "SharedStringTooLong", maxChars, index));
                }
            }
        }
        catch (RunTooLongException)
        {
            return new ImportError(null, null, null, Error("", "SharedStringTooLong", maxChars, Math.Max(index, 1)));
        }

        return null;
    }

    /// <summary>
    /// The cells of one worksheet: each value or inline string no longer than the limit, and none in a column beyond
    /// <paramref name="width"/> (a template sheet's columns plus the margin), reported at its cell.
    /// </summary>
    private static ImportError? Cells(ZipArchiveEntry entry, string sheet, int width, Budget budget, int maxChars)
    {
        var (row, column, index, length) = (0, (string?)null, -1, 0L);
        var buffer = new char[4096];
        try
        {
            using var reader = XmlReader.Create(budget.Open(entry), Settings);
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    switch (reader.LocalName)
                    {
                        case "row":
                            row = int.TryParse(reader.GetAttribute("r"), out var r) ? r : row + 1;
                            (column, index) = (null, -1);
                            break;
                        case "c":
                            var letters = Letters(reader.GetAttribute("r"));
                            index = letters is null ? index + 1 : Index(letters);
                            column = letters ?? SpreadsheetTemplate.ColumnLetter(index);
                            length = 0;
                            break;
                    }
                }
                else if (reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
                {
                    if ((length += Measure(reader, buffer, maxChars - length)) > maxChars)
                    {
                        return new ImportError(sheet, Math.Max(row, 1), column, Error("", "CellTooLong", maxChars));
                    }

                    if (index >= width && reader.NodeType != XmlNodeType.SignificantWhitespace)
                    {
                        return new ImportError(sheet, Math.Max(row, 1), column, Error("", "CellBeyondColumns", width));
                    }
                }
            }
        }
        catch (RunTooLongException)
        {
            return new ImportError(sheet, Math.Max(row, 1), column, Error("", "CellTooLong", maxChars));
        }

        return null;
    }

    /// <summary>The characters of the current text node, read in chunks and no further than just beyond <paramref name="room"/>.</summary>
    private static long Measure(XmlReader reader, char[] buffer, long room)
    {
        if (!reader.CanReadValueChunk)
        {
            return reader.Value.Length;
        }

        long length = 0;
        int read;
        while ((read = reader.ReadValueChunk(buffer, 0, buffer.Length)) > 0)
        {
            length += read;
            if (length > room)
            {
                break;
            }
        }

        return length;
    }

    /// <summary>The zero-based column of letters (A is 0); saturates far beyond Excel's 16,384 columns.</summary>
    private static int Index(string letters)
    {
        var index = 0;
        foreach (var c in letters)
        {
            index = Math.Min(index * 26 + (c - 'A' + 1), 1 << 20);
        }

        return index - 1;
    }

    private static string? Letters(string? reference)
    {
        if (reference is null)
        {
            return null;
        }

        var end = 0;
        while (end < reference.Length && char.IsAsciiLetter(reference[end]))
        {
            end++;
        }

        return end == 0 ? null : reference[..end].ToUpperInvariant();
    }

    private sealed class OverBudgetException : Exception;

    private sealed class RunTooLongException : Exception;

    /// <summary>The bytes left to unpack for the whole package, and the longest run allowed between two XML marks.</summary>
    private sealed class Budget(long bytes, long maxRun, CancellationToken ct)
    {
        private long _left = bytes;

        /// <summary>The part unpacked as it is read; an XML part (<c>.xml</c>, <c>.rels</c>) also has its runs between marks measured.</summary>
        public Stream Open(ZipArchiveEntry entry) => new CountingStream(entry.Open(), this,
            entry.FullName.EndsWith(".xml", StringComparison.OrdinalIgnoreCase) || entry.FullName.EndsWith(".rels", StringComparison.OrdinalIgnoreCase));

        private sealed class CountingStream(Stream inner, Budget budget, bool markup) : Stream
        {
            private long _run;

            private void Measure(long run)
            {
                if (run > budget.MaxRun)
                {
                    throw new RunTooLongException();
                }
            }

            public override bool CanRead => true;
            public override bool CanSeek => false;
            public override bool CanWrite => false;
            public override long Length => throw new NotSupportedException();
            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

            public override int Read(Span<byte> buffer)
            {
                budget.Cancel();
                var read = inner.Read(buffer);
                if ((budget._left -= read) < 0)
                {
                    throw new OverBudgetException();
                }

                if (markup)
                {
                    // The distance between two marks, found vectorized: each gap is a text or a tag XmlReader would build whole.
                    var rest = buffer[..read];
                    int mark;
                    while ((mark = rest.IndexOfAny((byte)'<', (byte)'>')) >= 0)
                    {
                        Measure(_run + mark);
                        _run = 0;
                        rest = rest[(mark + 1)..];
                    }

                    Measure(_run += rest.Length);
                }

                return read;
            }

            public override void Flush() { }
            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
            public override void SetLength(long value) => throw new NotSupportedException();
            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

            protected override void Dispose(bool disposing)
            {
                if (disposing)
                {
                    inner.Dispose();
                }

                base.Dispose(disposing);
            }
        }

        private long MaxRun => maxRun;

        private void Cancel() => ct.ThrowIfCancellationRequested();
    }
}
