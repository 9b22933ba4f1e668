using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
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
    private decimal _todayKwh;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private IDisposable? _subscription;

    [Inject] private IDbContextFactory<PrepaidDb> DbFactory { get; set; } = default!;
    [Inject] private LiveStateCache Cache { get; set; } = default!;
    [Inject] private LiveStateNotifier Notifier { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

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

    /// <summary>What changes slowly: the clock used for staleness and today's energy through the incomers.</summary>
    private async Task RefreshSlowAsync()
    {
        _now = Time.GetUtcNow();
        var start = SiteTime.MidnightUtc(SiteTime.Today(_now, _zone), _zone);
        var incomers = _model!.Transformers.Select(t => t.IncomerMeterId).OfType<int>().ToList();
        await using var db = await DbFactory.CreateDbContextAsync();
        _todayKwh = await db.IntervalEnergies.Where(i => incomers.Contains(i.MeterId) && i.IntervalStart >= start).SumAsync(i => i.Total);
    }

    private string Clock => TimeZoneInfo.ConvertTime(_now, _zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private IEnumerable<(string Key, string Value, bool Abnormal, string TestId)> Kpis
    {
        get
        {
            var meters = _model!.Shafts.SelectMany(s => s.Meters).Concat(
                _model.Transformers.Where(t => t.IncomerMeterId is not null).Select(t => new WallMeter(t.IncomerMeterId!.Value, t.Code, MeterKind.Electricity, MeterRole.MainIncomer)))
                .ToList();
            var symbols = meters.Select(m => (m, State: WallSymbols.Of(_states.GetValueOrDefault(m.Id), m.Kind, _now))).ToList();
            var load = _model.Transformers.Sum(t => t.IncomerMeterId is int id && _states.GetValueOrDefault(id)?.PowerKw is { } kw ? kw : 0m);
            var online = symbols.Count(s => s.State is not (WallSymbolState.CommLost or WallSymbolState.Stale));
            var off = symbols.Count(s => s.m.Kind == MeterKind.Electricity && s.State is WallSymbolState.ArrearsTrip or WallSymbolState.OverPowerTrip or WallSymbolState.Open);
            var valves = symbols.Count(s => s.m.Kind == MeterKind.Water && s.State is WallSymbolState.ArrearsTrip or WallSymbolState.Open);
            var lost = symbols.Count(s => s.State == WallSymbolState.CommLost);
            string N(decimal value, string format = "N0") => value.ToString(format, CultureInfo.CurrentCulture);
            return
            [
                ("Wall.Kpi.Load", N(load, "N1") + " kW", false, "kpi-load"),
                ("Wall.Kpi.Today", N(_todayKwh) + " kWh", false, "kpi-today"),
                ("Wall.Kpi.Online", $"{online} / {meters.Count}", online < meters.Count, "kpi-online"),
                ("Wall.Kpi.SupplyOff", N(off), off > 0, "kpi-off"),
                ("Wall.Kpi.ValvesClosed", N(valves), valves > 0, "kpi-valves"),
                ("Wall.Kpi.CommLost", N(lost), lost > 0, "kpi-lost"),
            ];
        }
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _stop.Cancel();
        _stop.Dispose();
    }
}
