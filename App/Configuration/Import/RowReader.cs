using System.Globalization;

using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration.Import;

/// <summary>
/// Reads typed values from one row, turning each unreadable cell into a specific error at its column; a column
/// that could not be read is then spared the rule errors its fallback value would cause.
/// </summary>
internal sealed class RowReader(SheetData sheet, SheetRow row)
{
    private readonly HashSet<string> _unreadable = new(StringComparer.Ordinal);

    public List<ImportError> Errors { get; } = [];

    public int Row => row.Number;

    public void Error(string column, string code, params object?[] args) =>
        Errors.Add(new ImportError(sheet.Template.Name, row.Number, sheet.Letter(column), new ConfigurationError(column, code, args)));

    /// <summary>Adds rule errors (whose fields are column names) except on columns already reported as unreadable.</summary>
    public void Add(IEnumerable<ConfigurationError> errors)
    {
        foreach (var e in errors.Where(e => !_unreadable.Contains(e.Field)))
        {
            Errors.Add(new ImportError(sheet.Template.Name, row.Number, sheet.Columns.ContainsKey(e.Field) ? sheet.Letter(e.Field) : null, e));
        }
    }

    private object? Cell(string column) => row[sheet.Columns[column]];

    public string Text(string column) => Format(Cell(column));

    public string? OptionalText(string column) => Cell(column) is null ? null : Format(Cell(column));

    public int Int(string column, int fallback = 0)
    {
        var cell = Cell(column);
        switch (cell)
        {
            case null:
                return Fail(column, "Required", fallback);
            case double d when d == Math.Floor(d) && d is >= int.MinValue and <= int.MaxValue:
                return (int)d;
            case string s when int.TryParse(s.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var i):
                return i;
            default:
                return Fail(column, "NotWhole", fallback, Format(cell));
        }
    }

    public decimal Decimal(string column) => OptionalDecimal(column) ?? Fail(column, "Required", 0m);

    public decimal? OptionalDecimal(string column)
    {
        var cell = Cell(column);
        switch (cell)
        {
            case null:
                return null;
            case double d when Math.Abs(d) < 1e15:
                return (decimal)d;
            case string s when decimal.TryParse(s.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var m):
                return m;
            default:
                return Fail(column, "NotNumber", 0m, Format(cell));
        }
    }

    public T Enum<T>(string column) where T : struct, Enum => OptionalEnum<T>(column) ?? Fail(column, "Required", default(T));

    public T? OptionalEnum<T>(string column) where T : struct, Enum
    {
        var cell = Cell(column);
        if (cell is null)
        {
            return null;
        }

        var text = Format(cell).Trim();
        var name = System.Enum.GetNames<T>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase));
        return name is null ? Fail<T>(column, "NotInSet", default, ConfigurationRules.Names<T>(), text) : System.Enum.Parse<T>(name);
    }

    public bool Bool(string column)
    {
        var cell = Cell(column);
        return cell switch
        {
            null => Fail(column, "Required", false),
            bool b => b,
            double d when d is 0 or 1 => d == 1,
            _ => Format(cell).Trim().ToLowerInvariant() switch
            {
                "yes" or "y" or "true" or "1" or "是" => true,
                "no" or "n" or "false" or "0" or "否" => false,
                _ => Fail(column, "NotBoolean", false, Format(cell)),
            },
        };
    }

    private T Fail<T>(string column, string code, T fallback, params object?[] args)
    {
        _unreadable.Add(column);
        Error(column, code, args);
        return fallback;
    }

    /// <summary>A cell as text: numbers without float noise (a serial typed as a number stays whole).</summary>
    public static string Format(object? cell) => cell switch
    {
        null => "",
        string s => s.Trim(),
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        double d when Math.Abs(d) < 1e15 => ((decimal)d).ToString(CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
