using Microsoft.AspNetCore.Components;
using Prepaid.App.Kernel.Hosting;

namespace Prepaid.App.Shell;

/// <summary>Shows what the start gate is waiting for when it counts steps (a demo history running in the background).</summary>
public partial class StartBanner
{
    private IReadOnlyList<StartHoldProgress> _holds = [];
    private IDisposable? _subscription;

    [Inject] private StartGate Gate { get; set; } = default!;

    // Holds that count steps, while they run or after they failed; a hold without steps has nothing to tell.
    private IEnumerable<StartHoldProgress> Shown => _holds.Where(h => h.Total > 0 && (h.Running || h.Failed));

    protected override void OnInitialized()
    {
        _holds = Gate.Progress;
        _subscription = Gate.Subscribe(_ => InvokeAsync(() =>
        {
            _holds = Gate.Progress;
            StateHasChanged();
        }));
    }

    public void Dispose() => _subscription?.Dispose();
}
