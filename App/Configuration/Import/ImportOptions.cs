using System.ComponentModel.DataAnnotations;

namespace Prepaid.App.Configuration.Import;

/// <summary>
/// The <c>Import</c> section: limits that refuse an enormous or hostile workbook before it costs memory. Each is
/// checked on start (one message per broken rule) and each refusal names its limit.
/// </summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>Largest file accepted, in bytes (checked before reading, and while an upload is copied).</summary>
    [Range(1024, 1L << 31, ErrorMessage = "Import:MaxFileBytes must be between {1} and {2}.")]
    public long MaxFileBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>
    /// Most rows read from one sheet, blank rows included (a run of compressed blank rows costs as much to read as
    /// filled ones); reading stops at the first row beyond it.
    /// </summary>
    [Range(1, 1_000_000, ErrorMessage = "Import:MaxRowsPerSheet must be between {1} and {2}.")]
    public int MaxRowsPerSheet { get; set; } = 50_000;

    /// <summary>
    /// Largest size of an .xlsx workbook's parts once unpacked, in bytes: the sum the zip directory declares is
    /// checked before anything is unpacked, and the bytes actually unpacked are counted too, since a directory can lie.
    /// </summary>
    [Range(64 * 1024, 1L << 30, ErrorMessage = "Import:MaxUncompressedBytes must be between {1} and {2}.")]
    public long MaxUncompressedBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Longest text of one cell or shared string, in characters (Excel's own limit is 32,767).</summary>
    [Range(1, 32_767, ErrorMessage = "Import:MaxCellChars must be between {1} and {2}.")]
    public int MaxCellChars { get; set; } = 32_767;

    /// <summary>
    /// Columns read beyond the template's own: a sheet's columns are read up to the template's count plus this
    /// margin; cells further right are never read (a template header found there is reported).
    /// </summary>
    [Range(0, 1_000, ErrorMessage = "Import:ExtraColumns must be between {1} and {2}.")]
    public int ExtraColumns { get; set; } = 20;
}
