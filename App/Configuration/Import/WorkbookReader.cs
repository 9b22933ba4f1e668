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
/// row, and stops at the first row beyond the limit so that an enormous sheet is refused without being read whole.
/// </summary>
public static class WorkbookReader
{
    static WorkbookReader()
    {
        // Legacy .xls stores text in Windows code pages, which .NET only knows once this provider is registered.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    public static (IReadOnlyList<SheetData> Sheets, IReadOnlyList<ImportError> Errors) Read(Stream stream, int maxRowsPerSheet)
    {
        var sheets = new List<SheetData>();
        var errors = new List<ImportError>();
        if (stream.Length == 0)
        {
            return (sheets, [new ImportError(null, null, null, new ConfigurationError("", "Empty"))]);
        }

        try
        {
            using var reader = ExcelReaderFactory.CreateReader(stream);
            do
            {
                var template = SpreadsheetTemplate.Sheets.FirstOrDefault(s => string.Equals(s.Name, reader.Name?.Trim(), StringComparison.OrdinalIgnoreCase));
                if (template is null)
                {
                    continue;
                }

                ReadSheet(reader, template, maxRowsPerSheet, sheets, errors);
            }
            while (reader.NextResult());
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
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

    private static void ReadSheet(IExcelDataReader reader, TemplateSheet template, int maxRows, List<SheetData> sheets, List<ImportError> errors)
    {
        var rowNumber = 0;
        Dictionary<string, int>? columns = null;
        var rows = new List<SheetRow>();
        while (reader.Read())
        {
            rowNumber++;
            var cells = new object?[reader.FieldCount];
            var blank = true;
            for (var i = 0; i < cells.Length; i++)
            {
                var value = reader.GetValue(i);
                cells[i] = value is string s && string.IsNullOrWhiteSpace(s) ? null : value;
                blank &= cells[i] is null;
            }

            if (columns is null)
            {
                if (blank)
                {
                    continue;
                }

                columns = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                for (var i = 0; i < cells.Length; i++)
                {
                    if (cells[i]?.ToString()?.Trim() is { Length: > 0 } header && template.Columns.Any(c => string.Equals(c.Name, header, StringComparison.OrdinalIgnoreCase)))
                    {
                        columns.TryAdd(template.Columns.First(c => string.Equals(c.Name, header, StringComparison.OrdinalIgnoreCase)).Name, i);
                    }
                }

                continue;
            }

            if (blank)
            {
                continue;
            }

            if (rows.Count == maxRows)
            {
                errors.Add(new ImportError(template.Name, null, null, new ConfigurationError(template.Name, "TooManyRows", maxRows)));
                return;
            }

            rows.Add(new SheetRow(rowNumber, cells));
        }

        columns ??= new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var missing = template.Columns.Where(c => !columns.ContainsKey(c.Name)).ToList();
        foreach (var column in missing)
        {
            errors.Add(new ImportError(template.Name, 1, null, new ConfigurationError(column.Name, "MissingColumn", column.Name)));
        }

        if (missing.Count == 0)
        {
            sheets.Add(new SheetData(template, columns, rows));
        }
    }
}
