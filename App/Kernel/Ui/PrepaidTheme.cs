using MudBlazor;

namespace Prepaid.App.Kernel.Ui;

/// <summary>Muted greys with colour kept for state, in the spirit of ISA-101 for a control room.</summary>
internal static class PrepaidTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#37474F",
            Secondary = "#546E7A",
            AppbarBackground = "#37474F",
            Background = "#F2F3F4",
            DrawerBackground = "#FAFAFA",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#90A4AE",
            Secondary = "#78909C",
            AppbarBackground = "#263238",
            Background = "#1C2023",
            Surface = "#24292D",
            DrawerBackground = "#202427",
        },
    };
}
