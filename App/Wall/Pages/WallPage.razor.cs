using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.App.Wall;
using Prepaid.Domain.Model;

namespace Prepaid.App.Wall.Pages;

/// <summary>The control-room wall: site KPIs and the live one-line diagram, pushed by the notifier.</summary>
public partial class WallPage : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(30);

    private readonly CancellationTokenSource _stop = new();
    private WallModel? _model;
    private Dictionary<int, MeterSnapshot> _states = [];
    private DateTimeOffset _now;
    private WallDayFigures _day = WallDayFigures.None;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private IDisposable? _subscription;

    [Inject] private IDbContextFactory<PrepaidDb> DbFactory { get; set; } = default!;
    [Inject] private LiveStateCache Cache { get; set; } = default!;
    [Inject] private LiveStateNotifier Notifier { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private LedgerService Ledger { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _model = await WallModel.LoadAsync(DbFactory, CancellationToken.None);
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            _zone = await SiteTime.FirstSiteZoneAsync(db, CancellationToken.None);
        }

        _states = (await Cache.AllAsync(CancellationToken.None)).ToDictionary(s => s.MeterId);
        await RefreshSlowAsync();
        if (RendererInfo.IsInteractive)
        {
            // The wall re-renders at most once a second however many meters change.
            _subscription = Notifier.Subscribe(OnChangedAsync, TimeSpan.FromSeconds(1));
            _ = TickAsync();
        }
    }

    private async Task OnChangedAsync(IReadOnlySet<int> changed)
    {
        var states = new Dictionary<int, MeterSnapshot>(_states);
        foreach (var id in changed)
        {
            if (await Cache.GetAsync(id, CancellationToken.None) is { } snapshot)
            {
                states[id] = snapshot;
            }
        }

        _states = states;
        _now = Time.GetUtcNow();
        await InvokeAsync(StateHasChanged);
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(Tick, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await RefreshSlowAsync();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The screen was closed.
        }
    }

    /// <summary>What changes slowly: the clock used for staleness, today's energy through the incomers, today's sales and
    /// the accounts in arrears.</summary>
    private async Task RefreshSlowAsync()
    {
        _now = Time.GetUtcNow();
        _day = await WallDay.ReadAsync(DbFactory, Ledger, _model!, _now, _zone, CancellationToken.None);
    }

    private string Clock => TimeZoneInfo.ConvertTime(_now, _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private IReadOnlyList<WallKpi> Kpis => WallKpis.Of(_model!, _states, _now, _day, CultureInfo.CurrentCulture);

    public void Dispose()
    {
        _subscription?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }
}
