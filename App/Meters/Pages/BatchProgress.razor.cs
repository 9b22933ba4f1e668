using Microsoft.AspNetCore.Components;
using Prepaid.App.Meters.Commands;
namespace Prepaid.App.Meters.Pages;

/// <summary>A batch's progress and summary, re-rendered as its items change (at most four times a second).</summary>
public partial class BatchProgress : IDisposable
{
    private static readonly TimeSpan MinInterval = TimeSpan.FromMilliseconds(250);

    private IDisposable? _subscription;
    private MeterBatch? _subscribed;
    private int _scheduled;

    [Parameter, EditorRequired] public MeterBatch Batch { get; set; } = default!;
    [Parameter] public EventCallback OnClose { get; set; }

    protected override void OnParametersSet()
    {
        if (!ReferenceEquals(_subscribed, Batch))
        {
            _subscription?.Dispose();
            _subscribed = Batch;
            _subscription = Batch.Subscribe(OnChanged);
        }
    }

    private void OnChanged()
    {
        if (Interlocked.Exchange(ref _scheduled, 1) == 1)
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            await Task.Delay(MinInterval);
            Interlocked.Exchange(ref _scheduled, 0);
            try
            {
                await InvokeAsync(StateHasChanged);
            }
            catch (ObjectDisposedException)
            {
                // The page was closed while the batch runs on.
            }
        });
    }

    private double Percent => Batch.Items.Count == 0 ? 100 : 100.0 * Batch.Done / Batch.Items.Count;

    private string Summary => L["Meters.Batch.Summary", Batch.Done, Batch.Items.Count, Batch.Count(MeterBatchItemState.Confirmed),
        Batch.Count(MeterBatchItemState.Failed), Batch.Count(MeterBatchItemState.Refused)];

    /// <summary>Problems first, then what runs, then the rest in the batch's order.</summary>
    private IEnumerable<MeterBatchItem> OrderedItems => Batch.Items.OrderBy(i => i.State switch
    {
        MeterBatchItemState.Failed or MeterBatchItemState.Refused => 0,
        MeterBatchItemState.Running => 1,
        _ => 2,
    });

    public void Dispose() => _subscription?.Dispose();
}
