using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Persistence;
using Prepaid.App.Readings;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Readings.Pages;

/// <summary>Communication state of gateways, buses and meters, refreshed every two seconds from the pollers.</summary>
public partial class DiagnosticsPage : IDisposable
{
    private static readonly TimeSpan Refresh = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private Dictionary<int, string> _gatewayNames = [];
    private Dictionary<int, string> _busNames = [];
    private Dictionary<int, string> _meterNames = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private AcquisitionSnapshot? _snapshot;
    private bool _problemsOnly = true;

    [Inject] private AcquisitionHostedService Acquisition { get; set; } = default!;
    [Inject] private IDbContextFactory<PrepaidDb> DbFactory { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        _gatewayNames = await db.Gateways.ToDictionaryAsync(g => g.Id, g => g.Name);
        _busNames = await db.Buses.ToDictionaryAsync(b => b.Id, b => b.Name);
        _meterNames = await db.Meters.ToDictionaryAsync(m => m.Id, m => m.Name);
        _zone = await SiteTime.FirstSiteZoneAsync(db, CancellationToken.None);
        _snapshot = Acquisition.Engine?.GetSnapshot();
        if (RendererInfo.IsInteractive)
        {
            _ = RefreshLoopAsync();
        }
    }

    // A snapshot is cheap and bounded (one per page, every two seconds), so the page polls instead of subscribing.
    private async Task RefreshLoopAsync()
    {
        using var timer = new PeriodicTimer(Refresh, Time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                _snapshot = Acquisition.Engine?.GetSnapshot();
                await InvokeAsync(StateHasChanged);
            }
        }
        catch (OperationCanceledException)
        {
            // The page was closed.
        }
    }

    private IEnumerable<(string Key, string Value, string TestId)> Tiles()
    {
        var freshness = _snapshot!.Freshness();
        var meters = _snapshot.Meters.ToList();
        return
        [
        ("Diag.Tile.Meters", meters.Count.ToString(CultureInfo.CurrentCulture), "diag-meters-count"),
        ("Diag.Tile.Online", meters.Count(m => m.State == MeterCommState.Online).ToString(CultureInfo.CurrentCulture), "diag-online"),
        ("Diag.Tile.Problems", meters.Count(m => m.State is MeterCommState.Stale or MeterCommState.Lost).ToString(CultureInfo.CurrentCulture), "diag-problems"),
        ("Diag.Tile.AgeP50", Seconds(freshness.P50), "diag-p50"),
        ("Diag.Tile.AgeP99", Seconds(freshness.P99), "diag-p99"),
        ("Diag.Tile.AgeMax", Seconds(freshness.Max), "diag-max"),
        ];
    }

    private string Endpoint(GatewaySnapshot gateway) => $"{gateway.Host} · {L.Enum(gateway.Framing)}";

    private static string Backoff(MeterSnapshot meter) =>
        meter.BackoffMultiplier > 1 ? "x" + meter.BackoffMultiplier.ToString(CultureInfo.InvariantCulture) : "";

    private IEnumerable<(BusSnapshot Bus, MeterSnapshot Meter)> MetersToShow() =>
        _snapshot!.Gateways.SelectMany(g => g.Buses).SelectMany(b => b.Meters.Select(m => (b, m)))
            .Where(x => !_problemsOnly || x.m.State != MeterCommState.Online);

    private string GatewayName(int id) => _gatewayNames.GetValueOrDefault(id) ?? Unnamed(id);
    private string BusName(int id) => _busNames.GetValueOrDefault(id) ?? Unnamed(id);
    private string MeterName(int id) => _meterNames.GetValueOrDefault(id) ?? Unnamed(id);

    // Something acquisition polls but the database no longer names (deleted meanwhile): show its id.
    private static string Unnamed(int id) => "#" + id.ToString(CultureInfo.InvariantCulture);

    private string CountersText(CommunicationCounters c) =>
        L["Diag.CountersSummary", c.Requests, c.Errors, c.Timeouts, Ms(c.AverageLatency)];

    private string Local(DateTimeOffset? at) => SiteTime.Format(at, _zone);

    private string Age(DateTimeOffset? at) => at is { } value ? Seconds(Time.GetUtcNow() - value) : "";

    private static string Seconds(TimeSpan span) => span.TotalSeconds.ToString("0.0", CultureInfo.CurrentCulture) + " s";

    private static string Ms(TimeSpan span) => span.TotalMilliseconds.ToString("0.0", CultureInfo.CurrentCulture) + " ms";

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }
}
