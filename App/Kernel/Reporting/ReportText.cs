using System.Globalization;
using System.Resources;
using Prepaid.App.Kernel.Localization;
namespace Prepaid.App.Kernel.Reporting;

/// <summary>
/// The UI resources (Strings.resx) in one fixed language, whatever the current thread's culture: a scheduled
/// report is written in each language, a requested one in the requester's.
/// </summary>
public sealed class ReportText(CultureInfo culture)
{
    /// <summary>The languages reports are produced in by the schedule.</summary>
    public static readonly IReadOnlyList<string> Languages = ["zh-CN", "en"];

    private static readonly ResourceManager Resources = new("Prepaid.App.Kernel.Localization.Strings", typeof(Strings).Assembly);

    public CultureInfo Culture { get; } = culture;

    public bool IsChinese => Culture.Name.StartsWith("zh", StringComparison.OrdinalIgnoreCase);

    public string this[string key] => Resources.GetString(key, Culture) ?? key;

    public string Format(string key, params object?[] args) => string.Format(Culture, this[key], args);

    public static ReportText For(string language) => new(CultureInfo.GetCultureInfo(language));
}
