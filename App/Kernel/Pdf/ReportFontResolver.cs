using PdfSharp.Fonts;

namespace Prepaid.App.Kernel.Pdf;

/// <summary>
/// PDFsharp's font source: the report font embedded in the assembly for every family and style asked for, never
/// a system font (a fresh Linux server has none, and reports must look the same everywhere). Bold and italic,
/// which the reports do not use, are simulated from the one regular face.
/// </summary>
internal sealed class ReportFontResolver : IFontResolver
{
    internal const string FaceName = "Prepaid.ReportFont.Regular";

    public FontResolverInfo ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(FaceName, bold, italic);

    public byte[]? GetFont(string faceName) => faceName == FaceName ? ReportFont.Program : null;
}
