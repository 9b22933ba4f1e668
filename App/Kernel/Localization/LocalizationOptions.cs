using System.ComponentModel.DataAnnotations;

namespace Prepaid.App.Kernel.Localization;

/// <summary>The <c>Localization</c> section: which language a browser without a choice sees.</summary>
public sealed class UiLocalizationOptions
{
    public const string SectionName = "Localization";

    /// <summary>The cultures the UI is translated into.</summary>
    public static readonly string[] SupportedCultures = ["zh-CN", "en"];

    /// <summary>Used when neither the language cookie nor the browser's Accept-Language picks a supported culture.</summary>
    [Required]
    [AllowedValues("zh-CN", "en")]
    public string DefaultCulture { get; set; } = "zh-CN";
}
