using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Identity;

using Prepaid.App.Kernel.Live;
using Prepaid.App.Meters;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Meters.Pages;

/// <summary>One live value on the meter page.</summary>
public sealed record LiveTile(string Label, string Value, string TestId);

/// <summary>One meter: live values pushed by the notifiers, trend charts, control commands with live progress, and its journal.</summary>
public partial class MeterDetailPage : IDisposable
{
    private Meter? _meter;
    private string? _busName;
    private MeterSnapshot? _live;
    private MeterLiveState? _stored;
    private KeepPowerPeriod? _keepPower;
    private MeterTrends? _trends;
    private List<MeterCommand> _journal = [];
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private IDisposable? _subscription;
    private IDisposable? _commandSubscription;
    private long _trendsInterval;
    private int _trendsLoading;

    [Parameter] public int MeterId { get; set; }

    [Inject] private IDbContextFactory<PrepaidDb> DbFactory { get; set; } = default!;
    [Inject] private LiveStateCache Cache { get; set; } = default!;
    [Inject] private LiveStateNotifier Notifier { get; set; } = default!;
    [Inject] private MeterCommandNotifier CommandNotifier { get; set; } = default!;
    [Inject] private MeterInstantValues Instant { get; set; } = default!;
    [Inject] private MeterTrendQuery Trends { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private bool IsWater => _meter?.Kind == MeterKind.Water;

    /// <summary>Replacing the device is a configuration change (the replace page demands the same permission).</summary>
    private bool CanReplace => _user.Allows(Domain.Security.Permission.EditConfiguration);

    private string ReplaceHref => $"/meters/{MeterId}/replace";

    private static long IntervalOf(DateTimeOffset at) => at.UtcTicks / TimeSpan.FromMinutes(15).Ticks;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        await using (var db = await DbFactory.CreateDbContextAsync())
        {
            _meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == MeterId);
            if (_meter is null)
            {
                return;
            }

            _busName = await db.Buses.Where(b => b.Id == _meter.BusId).Select(b => b.Name).FirstOrDefaultAsync();
            _zone = SiteTime.Zone(await db.Sites.Where(s => s.Id == _meter.SiteId).Select(s => s.TimeZoneId).FirstOrDefaultAsync());
        }

        await RefreshLiveAsync();
        await LoadJournalAsync();
        await LoadTrendsAsync();
        _subscription?.Dispose();
        _subscription = Notifier.Subscribe(async changed =>
        {
            if (changed.Contains(MeterId))
            {
                await RefreshLiveAsync();
                // A reading from a later 15-minute interval than the charts show means the earlier one was stored with it.
                if (_live?.LastGoodAt is { } at && IntervalOf(at) > _trendsInterval)
                {
                    await LoadTrendsAsync();
                }

                await InvokeAsync(StateHasChanged);
            }
        });
        _commandSubscription?.Dispose();
        _commandSubscription = CommandNotifier.Subscribe(OnCommandChanged);
    }

    /// <summary>The charts as of now; a reload already running is not doubled (live changes arrive every poll).</summary>
    private async Task LoadTrendsAsync()
    {
        if (Interlocked.Exchange(ref _trendsLoading, 1) == 1)
        {
            return;
        }

        try
        {
            var now = Time.GetUtcNow();
            var latest = _live?.LastGoodAt is { } at && at > now ? at : now;
            _trends = await Trends.GetAsync(MeterId, latest, _zone, CancellationToken.None);
            _trendsInterval = IntervalOf(latest);
        }
        finally
        {
            Volatile.Write(ref _trendsLoading, 0);
        }
    }

    /// <summary>The pushed snapshot plus what only the stored row and the last reading hold (TOU registers, purchase count, keep power).</summary>
    private async Task RefreshLiveAsync()
    {
        _live = await Cache.GetAsync(MeterId, CancellationToken.None);
        await using var db = await DbFactory.CreateDbContextAsync();
        _stored = await db.MeterLiveStates.AsNoTracking().SingleOrDefaultAsync(s => s.MeterId == MeterId);
        var now = Time.GetUtcNow();
        var running = await db.KeepPowerPeriods.AsNoTracking().Where(p => p.MeterId == MeterId && p.EndedAt == null).ToListAsync();
        _keepPower = running.Where(p => p.IsActiveAt(now)).MaxBy(p => p.ExpiresAt);
    }

    private string Subtitle => _meter is null ? "" :
        $"{_meter.SerialNumber} · {L.Enum(_meter.Profile)} · {L.Enum(_meter.BillingMode)} · {_busName} / {_meter.UnitId}";

    private IEnumerable<LiveTile> LiveTiles
    {
        get
        {
            var now = Time.GetUtcNow();
            var quality = MeterSnapshot.StatusOf(_live).QualityAt(now);
            var instant = Instant.Get(MeterId);
            string N(decimal? value, string format) => value?.ToString(format, CultureInfo.CurrentCulture) ?? "–";
            string Phases(IReadOnlyList<decimal>? values, string format) => values is { Count: > 0 } ? string.Join(" / ", values.Select(v => v.ToString(format, CultureInfo.CurrentCulture))) : "–";
            LiveTile Tile(string key, string value, string testId) => new(L[key], value, testId);
            var age = _live?.LastGoodAt is { } at ? L["Meter.Age", Math.Max(0, (int)(now - at).TotalSeconds)].Value : "";
            yield return Tile("Meters.Col.State", $"{L.Enum(quality)} {age}".Trim(), "live-quality");
            yield return Tile(IsWater ? "Meter.Valve" : "Meter.Relay", _live?.SupplyOn switch
            {
                true => L["Meters.Supply.On"].Value,
                false => L["Meters.Supply.Off"].Value,
                null => "–",
            }, "live-supply");
            if (IsWater)
            {
                yield return Tile("Meter.Volume", N(_live?.VolumeM3, "N3"), "live-energy");
            }
            else
            {
                yield return Tile("Meters.Col.Power", N(_live?.PowerKw, "0.000"), "live-power");
                yield return Tile("Meter.Voltage", Phases(instant?.VoltagesV, "0.0"), "live-voltage");
                yield return Tile("Meter.Current", Phases(instant?.CurrentsA, "0.00"), "live-current");
                yield return Tile("Meter.PowerFactor", N(instant?.PowerFactor, "0.000"), "live-pf");
                yield return Tile("Meter.Energy", N(_live?.EnergyKwh, "N2"), "live-energy");
                yield return Tile("Meter.Energy.Sharp", N(_stored?.SharpKwh, "N2"), "live-sharp");
                yield return Tile("Meter.Energy.Peak", N(_stored?.PeakKwh, "N2"), "live-peak");
                yield return Tile("Meter.Energy.Flat", N(_stored?.FlatKwh, "N2"), "live-flat");
                yield return Tile("Meter.Energy.Valley", N(_stored?.ValleyKwh, "N2"), "live-valley");
            }

            if (_meter?.BillingMode == BillingMode.Meter)
            {
                yield return Tile("Meters.Col.Balance", N(_live?.RemainingYuan, "N2"), "live-balance");
                yield return Tile("Meter.PurchaseCount", _stored?.PurchaseCount?.ToString(CultureInfo.CurrentCulture) ?? "–", "live-purchases");
            }

            yield return Tile("Meter.KeepPower", _keepPower is { } k ? L["Meter.KeepPower.Until", Local(k.ExpiresAt), k.GrantedBy].Value : L["Meter.KeepPower.None"].Value, "live-keep-power");
            yield return Tile("Meter.LastGood", Local(_live?.LastGoodAt), "live-last-good");
        }
    }

    private async Task LoadJournalAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        _journal = await db.MeterCommands.AsNoTracking().Where(c => c.MeterId == MeterId).OrderByDescending(c => c.Id).Take(20).ToListAsync();
    }

    private string Local(DateTimeOffset? at) => SiteTime.Format(at, _zone);

    public void Dispose()
    {
        _subscription?.Dispose();
        _commandSubscription?.Dispose();
    }
}
