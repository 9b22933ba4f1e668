namespace Prepaid.App.Kernel.Reporting;

/// <summary>
/// Text for a spreadsheet cell that a spreadsheet program will never run: a value starting with =, +, -, @, a tab
/// or a carriage return (a tenant named "=HYPERLINK(...)") is prefixed with an apostrophe, which shows it as text.
/// </summary>
public static class SpreadsheetText
{
    /// <summary>The value as inert text; null stays null.</summary>
    public static string? Safe(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;
}
