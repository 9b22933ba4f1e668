using Microsoft.Extensions.Localization;

namespace Prepaid.App.Kernel.Ui;

public static class LocalizerExtensions
{
    /// <summary>An enum value's display text, from the key "&lt;EnumType&gt;.&lt;Value&gt;".</summary>
    public static string Enum<T>(this IStringLocalizer localizer, T value) where T : struct, System.Enum =>
        localizer[$"{typeof(T).Name}.{value}"];
}
