using Microsoft.AspNetCore.Components;
using Prepaid.App.Kernel.Hosting;
namespace Prepaid.App.Shell;

/// <summary>Shows the progress of a demo history running in the background after start.</summary>
public partial class DemoHistoryBanner
{
    private DemoHistoryProgress _progress = new(false, 0, 0, false);
    private IDisposable? _subscription;

    [Inject] private DemoHistoryGate Gate { get; set; } = default!;

    protected override void OnInitialized()
    {
        _progress = Gate.Progress;
        _subscription = Gate.Subscribe(p => InvokeAsync(() =>
        {
            _progress = p;
            StateHasChanged();
        }));
    }

    public void Dispose() => _subscription?.Dispose();
}
