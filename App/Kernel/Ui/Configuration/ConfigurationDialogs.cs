using MudBlazor;

namespace Prepaid.App.Kernel.Ui.Configuration;

/// <summary>The edit dialogs of the configuration pages share their look.</summary>
internal static class ConfigurationDialogs
{
    public static readonly DialogOptions Options = new() { MaxWidth = MaxWidth.Small, FullWidth = true, CloseOnEscapeKey = true };

    public static readonly DialogOptions Wide = new() { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseOnEscapeKey = true };
}
