using System.ComponentModel.DataAnnotations;

namespace Prepaid.App.Configuration.Import;

/// <summary>The <c>Import</c> section: limits that refuse an enormous workbook before it is read.</summary>
public sealed class ImportOptions
{
    public const string SectionName = "Import";

    /// <summary>Largest file accepted, in bytes (checked before reading, and while an upload is copied).</summary>
    [Range(1024, 1L << 31)]
    public long MaxFileBytes { get; set; } = 32L * 1024 * 1024;

    /// <summary>Most data rows read from one sheet; reading stops at the first row beyond it.</summary>
    [Range(1, 1_000_000)]
    public int MaxRowsPerSheet { get; set; } = 50_000;
}
