using UglyToad.PdfPig;

namespace Prepaid.App.Tests.Support;

/// <summary>Reads a report PDF back with PdfPig, the way a test checks what a reader would see.</summary>
internal static class ReportPdf
{
    /// <summary>Every page's letters without whitespace, pages concatenated.</summary>
    public static string Text(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return string.Concat(doc.GetPages().Select(p => string.Concat(p.Text.Where(c => !char.IsWhiteSpace(c)))));
    }

    /// <summary>Money and quantities as the reports print them.</summary>
    public static string Number(decimal value) => value.ToString("#,##0.00##", System.Globalization.CultureInfo.InvariantCulture);
}
