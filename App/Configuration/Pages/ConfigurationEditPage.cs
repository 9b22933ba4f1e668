using Microsoft.AspNetCore.Components;
using Prepaid.App.Kernel.Ui.Configuration;

namespace Prepaid.App.Configuration.Pages;

/// <summary>A configuration page of this feature: the shared page behaviour plus the configuration service and query.</summary>
public abstract class ConfigurationEditPage : ConfigurationPageBase
{
    [Inject] protected ConfigurationService Service { get; set; } = default!;
    [Inject] protected ConfigurationQuery Query { get; set; } = default!;
}
