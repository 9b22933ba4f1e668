namespace Prepaid.App.Kernel.Ui;

/// <summary>The light/dark choice is kept in a cookie so the first render already has the right theme.</summary>
public static class ThemePreference
{
    public const string CookieName = "prepaid-theme";
    public const string Dark = "dark";
    public const string Light = "light";
}
