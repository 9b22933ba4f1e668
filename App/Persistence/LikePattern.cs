namespace Prepaid.App.Persistence;

/// <summary>LIKE patterns that match user text literally: '%', '_' and the escape itself lose their meaning.</summary>
public static class LikePattern
{
    /// <summary>The escape character to pass to <c>EF.Functions.Like</c>.</summary>
    public const string Escape = "\\";

    /// <summary>"%text%" with the text escaped.</summary>
    public static string Contains(string text) =>
        "%" + text.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
}
