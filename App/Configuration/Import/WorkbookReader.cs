using System.Text;
using ExcelDataReader;

using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration.Import;

/// <summary>One data row: its Excel row number and its cells (null when empty).</summary>
public sealed record SheetRow(int Number, IReadOnlyList<object?> Cells)
{
    public object? this[int index] => index >= 0 && index < Cells.Count ? Cells[index] : null;
}

/// <summary>A template sheet as read: where each known column is, and the non-blank rows.</summary>
public sealed record SheetData(TemplateSheet Template, IReadOnlyDictionary<string, int> Columns, IReadOnlyList<SheetRow> Rows)
{
    public string Letter(string column) => Columns.TryGetValue(column, out var i) ? SpreadsheetTemplate.ColumnLetter(i) : "?";
}

/// <summary>
/// Reads .xlsx and legacy .xls alike (ExcelDataReader detects the format from the content, not the name), row by
/// row, within the <see cref="ImportOptions"/> limits: an .xlsx package is first checked part by part
/// (<see cref="WorkbookLimits"/>), then each sheet is read no wider than the template's columns plus a margin and no
/// longer than the row limit (blank rows count), so that a small hostile file is refused without costing memory.
/// </summary>
public static class WorkbookReader
{
    static WorkbookReader()
    {
        // Legacy .xls stores text in Windows code pages, which .NET only knows once this provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    /// <summary>The widest row a sheet is read with: the template's columns plus the margin.</summary>
    public static int Width(TemplateSheet template, ImportOptions limits) => template.Columns.Count + limits.ExtraColumns;

    /// <exception cref="OperationCanceledException">When <paramref name="ct"/> is cancelled (checked per row and per unpacked chunk).</exception>
    public static (IReadOnlyList<SheetData> Sheets, IReadOnlyList<ImportError> Errors) Read(Stream stream, ImportOptions limits, CancellationToken ct)
    {
        var sheets = new List<SheetData>();
        var errors = new List<ImportError>();
        if (stream.Length == 0)
        {
            return (sheets, [new ImportError(null, null, null, new ConfigurationError("", "Empty"))]);
        }

        if (WorkbookLimits.Check(stream, limits, ct) is { } refused)
        {
            return ([], [refused]);
        }

        try
        {
            using var reader = ExcelReaderFactory.CreateReader(stream);
            do
            {
                ct.ThrowIfCancellationRequested();
                var template = SpreadsheetTemplate.Sheets.FirstOrDefault(s => string.Equals(s.Name, reader.Name?.Trim(), StringComparison.OrdinalIgnoreCase));
                if (template is null)
                {
                    continue;
                }

                ReadSheet(reader, template, limits, sheets, errors, ct);
            }
            while (reader.NextResult());
        }
        catch (Exception ex) when (ex is not (OutOfMemoryException or OperationCanceledException))
        {
            // ExcelDataReader throws its own HeaderException for a wrong signature, and assorted IO and format
            // exceptions for a damaged file: to the user they all mean the same thing.
            return ([], [new ImportError(null, null, null, new ConfigurationError("", "NotSpreadsheet", ex.Message))]);
        }

        if (sheets.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(null, null, null, new ConfigurationError("", "MissingSheet", string.Join(", ", SpreadsheetTemplate.Sheets.Select(s => s.Name)))));
        }

        return (sheets, errors);
    }

    private static void ReadSheet(IExcelDataReader reader, TemplateSheet template, ImportOptions limits, List<SheetData> sheets, List<ImportError> errors, CancellationToken ct)
    {
        var maxRows = limits.MaxRowsPerSheet;
        var rowNumber = 0;
        var headerRow = 0;
        Dictionary<string, int>? columns = null;
        var rows = new List<SheetRow>();
        // One buffer for every row, never wider than the margin allows whatever width the sheet claims (up to
        // 16,384 columns); a row is copied out only when it holds something.
        var buffer = new object?[Math.Min(reader.FieldCount, Width(template, limits))];
        var beyond = new List<ImportError>();
        while (reader.Read())
        {
            ct.ThrowIfCancellationRequested();
            rowNumber++;
            var blank = true;
            for (var i = 0; i < buffer.Length; i++)
            {
                var value = reader.GetValue(i);
                buffer[i] = value is string s && string.IsNullOrWhiteSpace(s) ? null : value;
                blank &= buffer[i] is null;
                if (buffer[i] is string text && text.Length > limits.MaxCellChars)
                {
                    // Only a legacy .xls gets here: an .xlsx cell that long was refused before reading.
                    errors.Add(new ImportError(template.Name, rowNumber, SpreadsheetTemplate.ColumnLetter(i), WorkbookLimits.Error("", "CellTooLong", limits.MaxCellChars)));
                    return;
                }
            }

            if (rowNumber - headerRow > maxRows)
            {
                // Rows after the header (or before it, while none was found) are counted blank or not: a sheet of
                // compressed blank rows costs as much to read as a full one.
                errors.Add(blank
                    ? new ImportError(template.Name, rowNumber, null, WorkbookLimits.Error(template.Name, "RowsBeyondLimit", maxRows, rowNumber))
                    : new ImportError(template.Name, null, null, new ConfigurationError(template.Name, "TooManyRows", maxRows)));
                return;
            }

            if (columns is null)
            {
                if (blank)
                {
                    continue;
                }

                headerRow = rowNumber;
                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < buffer.Length; i++)
                {
                    if (Known(template, buffer[i]) is { } name)
                    {
                        columns.TryAdd(name, i);
                    }
                }

                // A template header beyond the margin is named, once, rather than read: its cells are never allocated.
                for (var i = buffer.Length; i < reader.FieldCount; i++)
                {
                    if (Known(template, reader.GetValue(i)) is { } name && !columns.ContainsKey(name) && beyond.All(e => e.Error.Field != name))
                    {
                        beyond.Add(new ImportError(template.Name, rowNumber, SpreadsheetTemplate.ColumnLetter(i), WorkbookLimits.Error(name, "ColumnBeyondLimit", buffer.Length)));
                    }
                }

                continue;
            }

            if (blank)
            {
                continue;
            }

            rows.Add(new SheetRow(rowNumber, [.. buffer]));
        }

        columns ??= new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        errors.AddRange(beyond);
        var missing = template.Columns.Where(c => !columns.ContainsKey(c.Name) && beyond.All(e => e.Error.Field != c.Name)).ToList();
        foreach (var column in missing)
        {
            errors.Add(new ImportError(template.Name, 1, null, new ConfigurationError(column.Name, "MissingColumn", column.Name)));
        }

        if (missing.Count == 0 && beyond.Count == 0)
        {
            sheets.Add(new SheetData(template, columns, rows));
        }
    }

    /// <summary>The template column a header cell names, or null.</summary>
    private static string? Known(TemplateSheet template, object? cell) =>
        cell is string { Length: > 0 and <= 64 } text && text.Trim() is { Length: > 0 } header
            ? template.Columns.FirstOrDefault(c => string.Equals(c.Name, header, StringComparison.OrdinalIgnoreCase))?.Name
            : null;
}
