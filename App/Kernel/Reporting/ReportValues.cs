using System.Globalization;

namespace Prepaid.App.Kernel.Reporting;

/// <summary>How a report cell's value is written, the same in PDF, XLSX and every report source.</summary>
public static class ReportValues
{
    /// <summary>Money and energy with at least 2 and at most 4 decimals, counts with thousands separators, invariant culture.</summary>
    public static string Format(object? value) => value switch
    {
        null => "",
        string s => s,
        decimal d => d.ToString("#,##0.00##", CultureInfo.InvariantCulture),
        int i => i.ToString("#,##0", CultureInfo.InvariantCulture),
        long l => l.ToString("#,##0", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
