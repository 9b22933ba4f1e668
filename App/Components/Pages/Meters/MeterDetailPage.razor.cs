using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Prepaid.App.Commands;
using Prepaid.App.Identity;
using Prepaid.App.Live;
using Prepaid.App.Persistence;
using Prepaid.App.Ui;
using Prepaid.Domain.Model;

namespace Prepaid.App.Components.Pages.Meters;

/// <summary>One meter: live values pushed by the notifier, control commands with a reason, and its command journal.</summary>
public partial class MeterDetailPage : IDisposable
{
    private Meter? _meter;
    private string? _busName;
    private MeterSnapshot? _live;
    private List<MeterCommand> _journal = [];
    private System.Security.Claims.ClaimsPrincipal _user = new();
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private IDisposable? _subscription;
    private MeterCommandKind? _pending;
    private string _reason = "";
    private bool _running;
    private string? _result;
    private Severity _resultSeverity;

    [Parameter] public int MeterId { get; set; }

    [Inject] private IDbContextFactory<PrepaidDb> DbFactory { get; set; } = default!;
    [Inject] private LiveStateCache Cache { get; set; } = default!;
    [Inject] private LiveStateNotifier Notifier { get; set; } = default!;
    [Inject] private MeterCommandService Commands { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        await using var db = await DbFactory.CreateDbContextAsync();
        _meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == MeterId);
        if (_meter is null)
        {
            return;
        }

        _busName = await db.Buses.Where(b => b.Id == _meter.BusId).Select(b => b.Name).FirstOrDefaultAsync();
        _zone = SiteTime.Zone(await db.Sites.Where(s => s.Id == _meter.SiteId).Select(s => s.TimeZoneId).FirstOrDefaultAsync());
        _live = await Cache.GetAsync(MeterId, CancellationToken.None);
        await LoadJournalAsync();
        _subscription?.Dispose();
        _subscription = Notifier.Subscribe(async changed =>
        {
            if (changed.Contains(MeterId))
            {
                _live = await Cache.GetAsync(MeterId, CancellationToken.None);
                await InvokeAsync(StateHasChanged);
            }
        });
    }

    private string Subtitle => _meter is null ? "" :
        $"{_meter.SerialNumber} · {L.Enum(_meter.Profile)} · {L.Enum(_meter.BillingMode)} · {_busName} / {_meter.UnitId}";

    private IEnumerable<(string Key, string Value, string TestId)> LiveTiles
    {
        get
        {
            var quality = LiveQuality.Of(_live, Time.GetUtcNow());
            string Number(decimal? value, string format) => value?.ToString(format, CultureInfo.CurrentCulture) ?? "";
            return
            [
                ("Meters.Col.State", L.Enum(quality), "live-quality"),
                ("Meters.Col.Supply", _live?.SupplyOn switch { true => L["Meters.Supply.On"].Value, false => L["Meters.Supply.Off"].Value, null => "" }, "live-supply"),
                ("Meters.Col.Power", Number(_live?.PowerKw, "0.000"), "live-power"),
                ("Meters.Col.Energy", Number(_live?.EnergyKwh ?? _live?.VolumeM3, "N2"), "live-energy"),
                ("Meters.Col.Balance", _meter?.BillingMode == BillingMode.Meter ? Number(_live?.RemainingYuan, "N2") : "", "live-balance"),
                ("Meter.LastGood", Local(_live?.LastGoodAt), "live-last-good"),
            ];
        }
    }

    /// <summary>The commands this meter has and this user may give; the service checks both again.</summary>
    private IReadOnlyList<MeterCommandKind> AvailableCommands
    {
        get
        {
            MeterCommandKind[] kinds = _meter?.Profile switch
            {
                MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase when _meter.BillingMode == BillingMode.Meter =>
                    [MeterCommandKind.Trip, MeterCommandKind.Close, MeterCommandKind.KeepPower, MeterCommandKind.Release, MeterCommandKind.PushPrices, MeterCommandKind.PushPowerLimit],
                MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase =>
                    [MeterCommandKind.Trip, MeterCommandKind.Close, MeterCommandKind.KeepPower, MeterCommandKind.Release, MeterCommandKind.PushPowerLimit],
                MeterProfile.PrepaidWater => [MeterCommandKind.CloseValve, MeterCommandKind.OpenValve],
                _ => [],
            };
            return [.. kinds.Where(k => _user.Allows(MeterCommandService.PermissionFor(k)))];
        }
    }

    private void Choose(MeterCommandKind kind)
    {
        _pending = kind;
        _reason = "";
        _result = null;
    }

    private void Cancel() => _pending = null;

    private async Task ExecuteAsync()
    {
        if (_pending is not { } kind)
        {
            return;
        }

        _running = true;
        _result = null;
        try
        {
            var address = HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
            var command = await Commands.ExecuteAsync(_user, MeterId, kind, _reason, address, CancellationToken.None);
            (_resultSeverity, _result) = command.State switch
            {
                MeterCommandState.Confirmed => (Severity.Success, L["Meter.Result.Confirmed", L.Enum(kind)].Value),
                MeterCommandState.Refused => (Severity.Warning, L["Meter.Result.Refused", L.Enum(kind), command.Error ?? ""].Value),
                _ => (Severity.Error, L["Meter.Result.Failed", L.Enum(kind), command.Error ?? ""].Value),
            };
            _pending = null;
        }
        catch (MeterCommandRefusedException ex)
        {
            (_resultSeverity, _result) = (Severity.Warning, ex.Message);
        }
        catch (PermissionDeniedException)
        {
            (_resultSeverity, _result) = (Severity.Error, L["Account.Denied.Body"].Value);
        }
        finally
        {
            _running = false;
        }

        await LoadJournalAsync();
    }

    private async Task LoadJournalAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        _journal = await db.MeterCommands.AsNoTracking().Where(c => c.MeterId == MeterId).OrderByDescending(c => c.Id).Take(20).ToListAsync();
    }

    private string Local(DateTimeOffset? at) => SiteTime.Format(at, _zone);

    public void Dispose() => _subscription?.Dispose();
}
