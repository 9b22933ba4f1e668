using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Pages;

/// <summary>
/// The shop's meters as the desk sees them live: power (or the valve) on or off and the money each meter holds, as
/// last read back with its time. It follows the live notifier, so the cashier sees a recharge land ("power back at
/// 16:27:06") without reloading; the change is remembered from the state this component saw before.
/// </summary>
public sealed partial class DeskLiveState : IDisposable
{
    private IReadOnlyList<Meter> _meters = [];
    private readonly Dictionary<int, MeterSnapshot?> _live = [];
    private readonly Dictionary<int, string> _changes = [];
    private int? _loadedFor;
    private IDisposable? _subscription;

    [Parameter, EditorRequired] public int AccountId { get; set; }
    [Parameter, EditorRequired] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    [Inject] private IDbContextFactory<PrepaidDb> DbFactory { get; set; } = default!;
    [Inject] private LiveStateCache Cache { get; set; } = default!;
    [Inject] private LiveStateNotifier Notifier { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == AccountId)
        {
            return;
        }

        _loadedFor = AccountId;
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            _meters = await db.Meters.AsNoTracking().Where(m => m.AccountId == AccountId && m.BillingMode == BillingMode.Meter)
                .OrderBy(m => m.Kind).ThenBy(m => m.Id).ToListAsync();
        }

        _live.Clear();
        _changes.Clear();
        await RefreshAsync(_meters.Select(m => m.Id), announce: false);
        _subscription?.Dispose();
        var ids = _meters.Select(m => m.Id).ToHashSet();
        _subscription = Notifier.Subscribe(async changed =>
        {
            var mine = changed.Where(ids.Contains).ToList();
            if (mine.Count > 0)
            {
                await InvokeAsync(async () =>
                {
                    await RefreshAsync(mine, announce: true);
                    StateHasChanged();
                });
            }
        });
    }

    /// <summary>Takes the meters' snapshots; with <paramref name="announce"/>, a supply that switched says when.</summary>
    private async Task RefreshAsync(IEnumerable<int> ids, bool announce)
    {
        foreach (var id in ids)
        {
            var now = await Cache.GetAsync(id, CancellationToken.None);
            var before = _live.GetValueOrDefault(id);
            _live[id] = now;
            var kind = _meters.First(m => m.Id == id).Kind;
            if (announce && now?.SupplyOn is { } on && before?.SupplyOn is { } was && on != was)
            {
                var at = TimeZoneInfo.ConvertTime(now.LastGoodAt ?? now.UpdatedAt, Zone).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
                _changes[id] = L[$"Cashier.Live.{(on ? "Back" : "Cut")}.{kind}", at];
            }
        }
    }

    private string Line(Meter meter)
    {
        var live = _live.GetValueOrDefault(meter.Id);
        var supply = live?.SupplyOn is { } on ? L[$"Cashier.Live.{(on ? "On" : "Off")}.{meter.Kind}"] : L["Cashier.Live.Unknown"];
        var money = live?.RemainingYuan is { } r
            ? L["Cashier.Live.Money", RechargePanel.Money(r), SiteTime.Format(live.LastGoodAt ?? live.UpdatedAt, Zone)]
            : L["Cashier.Live.NotRead"];
        return $"{meter.Name}: {supply} · {money}";
    }

    private string Icon(Meter meter) => meter.Kind == MeterKind.Water ? Icons.Material.Filled.WaterDrop : Icons.Material.Filled.Bolt;

    private Color IconColor(Meter meter) => _live.GetValueOrDefault(meter.Id)?.SupplyOn switch
    {
        true => Color.Success,
        false => Color.Warning,
        null => Color.Default,
    };

    public void Dispose() => _subscription?.Dispose();
}
