using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration.Import;

/// <summary>An error at a place of the workbook: sheet, row (1-based as Excel shows it) and column (letter and header).</summary>
public sealed record ImportError(string? Sheet, int? Row, string? ColumnLetter, ConfigurationError Error)
{
    /// <summary>Where, as in Excel: <c>Meters!C5</c>, <c>Meters row 5</c>, <c>Meters</c> or empty for the whole file.</summary>
    public string Place => Sheet is null ? "" : Row is null ? Sheet : ColumnLetter is null ? $"{Sheet} row {Row}" : $"{Sheet}!{ColumnLetter}{Row}";

    public override string ToString() => Place.Length == 0 ? Error.Message : $"{Place}: {Error.Message}";
}
