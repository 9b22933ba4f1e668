using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Replacement;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Replacement.Pages;

/// <summary>Records a meter swap: the old device's final reading, the new device and its initial reading, the balance carried.</summary>
public partial class MeterReplacePage
{
    private Meter? _meter;
    private MeterLiveState? _state;
    private string? _busName;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private IReadOnlyList<(MeterReplacement Replacement, PendingBalanceTransfer? Transfer)> _history = [];
    private decimal? _finalReading;
    private string _newSerial = "";
    private int? _newUnitId;
    private decimal? _initialReading = 0m;
    private decimal? _remaining;
    private string _reason = "";
    private bool _running;
    private string? _result;
    private Severity _resultSeverity;

    [Parameter] public int MeterId { get; set; }

    [Inject] private IDbContextFactory<PrepaidDb> DbFactory { get; set; } = default!;
    [Inject] private MeterReplacementService Replacements { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    protected override async Task OnParametersSetAsync() => await LoadAsync(resetForm: true);

    private async Task LoadAsync(bool resetForm)
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        _meter = await db.Meters.AsNoTracking().SingleOrDefaultAsync(m => m.Id == MeterId);
        if (_meter is null)
        {
            return;
        }

        _state = await db.MeterLiveStates.AsNoTracking().SingleOrDefaultAsync(s => s.MeterId == MeterId);
        _busName = await db.Buses.Where(b => b.Id == _meter.BusId).Select(b => b.Name).FirstOrDefaultAsync();
        _zone = SiteTime.Zone(await db.Sites.Where(s => s.Id == _meter.SiteId).Select(s => s.TimeZoneId).FirstOrDefaultAsync());
        _history = await Replacements.HistoryAsync(MeterId, CancellationToken.None);
        if (resetForm)
        {
            _finalReading = LastRegister;
            _newUnitId = _meter.UnitId;
            _newSerial = "";
            _initialReading = 0m;
            _remaining = CarriesBalance ? _state?.RemainingYuan : null;
            _reason = "";
        }
    }

    private string MeterHref => $"/meters/{MeterId}";

    private bool CarriesBalance => _meter is not null && MeterReplacementService.CarriesBalance(_meter);

    private decimal? LastRegister => _meter is null ? null
        : (_meter.Kind == MeterKind.Water ? _state?.VolumeM3 : _state?.EnergyKwh) is { } primary ? primary / MeterReplacementService.Ratio(_meter) : null;

    private string RatioText => _meter is null ? "" : MeterReplacementService.Ratio(_meter).ToString("0", CultureInfo.CurrentCulture);

    private bool CannotSubmit => _running || string.IsNullOrWhiteSpace(_reason) || string.IsNullOrWhiteSpace(_newSerial)
        || _finalReading is null || _initialReading is null || _newUnitId is null;

    private IEnumerable<(string Key, string Value)> CurrentRows =>
    [
        ("Replace.Serial", _meter?.SerialNumber ?? ""),
        ("Replace.Address", DeviceText(_busName ?? "", _meter?.UnitId ?? 0)),
        ("Replace.LastReading", Number(LastRegister)),
        ("Replace.LastGood", Local(_state?.LastGoodAt)),
        ("Replace.Remaining", CarriesBalance ? Number(_state?.RemainingYuan) : ""),
    ];

    private async Task SubmitAsync()
    {
        if (CannotSubmit)
        {
            return;
        }

        _running = true;
        _result = null;
        try
        {
            var user = (await Authentication.GetAuthenticationStateAsync()).User;
            var address = HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
            var request = new MeterReplacementRequest(MeterId, _finalReading!.Value, _newSerial, _newUnitId!.Value, _initialReading!.Value,
                CarriesBalance ? _remaining : null, _reason);
            var done = await Replacements.ReplaceAsync(user, request, address, CancellationToken.None);
            _resultSeverity = Severity.Success;
            _result = L["Replace.Done", Number(done.NewInitialReading)];
            if (done.CarriedBalance is { } carried && carried != 0m)
            {
                _result += " " + L["Replace.TransferPending", Number(carried)];
            }

            await LoadAsync(resetForm: true);
        }
        catch (MeterReplacementException e)
        {
            (_resultSeverity, _result) = (Severity.Warning, L["Replace.Refused", e.Message]);
        }
        catch (PermissionDeniedException)
        {
            (_resultSeverity, _result) = (Severity.Error, L["Account.Denied.Body"]);
        }
        finally
        {
            _running = false;
        }
    }

    private string TransferText(PendingBalanceTransfer? transfer) => transfer is null ? "" : L.Enum(transfer.State);

    private static string DeviceText(string serialOrBus, int unitId) => $"{serialOrBus} / {unitId}";

    private static string Number(decimal? value) => value?.ToString("N2", CultureInfo.CurrentCulture) ?? "";

    private string Local(DateTimeOffset? at) => SiteTime.Format(at, _zone);
}
