using Microsoft.Extensions.Localization;
using MudBlazor;
using Prepaid.App.Kernel.Localization;
namespace Prepaid.App.Kernel.Ui;

/// <summary>Gives MudBlazor's built-in texts (pager, sort, filter) from our resources, keyed "Mud.&lt;key&gt;".</summary>
internal sealed class PrepaidMudLocalizer(IStringLocalizer<Strings> strings) : MudLocalizer
{
    public override LocalizedString this[string key]
    {
        get
        {
            var found = strings["Mud." + key];
            return new LocalizedString(key, found.Value, found.ResourceNotFound);
        }
    }
}
