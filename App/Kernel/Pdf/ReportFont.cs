namespace Prepaid.App.Kernel.Pdf;

/// <summary>The TrueType font shipped in the assembly for every report (Fonts/README.md: source and licence).</summary>
public static class ReportFont
{
    private const string ResourceName = "Prepaid.App.Kernel.Pdf.Fonts.WenQuanYiMicroHei.ttf";
    private static readonly Lazy<byte[]> Data = new(Load);
    private static readonly Lazy<TrueTypeMetrics> MetricsData = new(() => TrueTypeMetrics.Parse(Data.Value));

    /// <summary>The font file's bytes, read once from the embedded resource.</summary>
    public static ReadOnlyMemory<byte> Bytes => Data.Value;

    /// <summary>The whole font program, for <see cref="TrueTypeSubsetter"/> to cut.</summary>
    internal static byte[] Program => Data.Value;

    /// <summary>Advance widths for layout, read from the same file.</summary>
    internal static TrueTypeMetrics Metrics => MetricsData.Value;

    /// <summary>The font cut down to the glyphs of <paramref name="characters"/> (see <see cref="TrueTypeSubsetter"/>).</summary>
    internal static byte[] SubsetFor(IEnumerable<char> characters) =>
        TrueTypeSubsetter.Subset(Data.Value, characters.Distinct().Select(Metrics.Glyph));

    private static byte[] Load()
    {
        using var stream = typeof(ReportFont).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The report font resource {ResourceName} is missing from the assembly.");
        using var memory = new MemoryStream((int)stream.Length);
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
