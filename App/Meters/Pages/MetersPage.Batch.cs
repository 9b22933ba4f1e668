using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MudBlazor;
using Prepaid.App.Meters.Commands;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Meters.KeepPower;
using Prepaid.App.Meters;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Meters.Pages;

/// <summary>Batch operations on the selected meters, or on every meter matching the filter.</summary>
public partial class MetersPage
{
    private HashSet<MeterRow> _selected = [];
    private bool _allMatching;
    private MeterBatch? _batch;
    private System.Security.Claims.ClaimsPrincipal _user = new();

    [Inject] private MeterBatchService Batches { get; set; } = default!;
    [Inject] private IOptions<KeepPowerOptions> KeepPowerOptions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;

    private bool HasSelection => _allMatching ? _total > 0 : _selected.Count > 0;

    private string SelectionText => _allMatching ? L["Meters.Batch.SelectedAll", _total] : L["Meters.Batch.Selected", _selected.Count];

    private IEnumerable<MeterBatchAction> AllowedActions => Enum.GetValues<MeterBatchAction>().Where(a => _user.Allows(MeterBatchService.PermissionFor(a)));

    private MeterFilter Filter => new(_shaftId, _kind, _role, _billingMode, _search);

    private string ExportUrl
    {
        get
        {
            if (!_allMatching)
            {
                return "meters/export?ids=" + string.Join(",", _selected.Select(r => r.Id.ToString(CultureInfo.InvariantCulture)));
            }

            var query = new List<string> { "all=true" };
            void Add(string name, object? value)
            {
                if (value is not null)
                {
                    query.Add(name + "=" + Uri.EscapeDataString(Convert.ToString(value, CultureInfo.InvariantCulture)!));
                }
            }

            Add("shaft", _shaftId);
            Add("kind", _kind);
            Add("role", _role);
            Add("billing", _billingMode);
            Add("search", string.IsNullOrWhiteSpace(_search) ? null : _search);
            return "meters/export?" + string.Join("&", query);
        }
    }

    private void OnSelectionChanged(HashSet<MeterRow> selected) => _selected = selected;

    private void OnAllMatchingChanged(bool value) => _allMatching = value;

    private void CloseBatch() => _batch = null;

    private EventCallback<MouseEventArgs> BatchCallback(MeterBatchAction action) =>
        EventCallback.Factory.Create<MouseEventArgs>(this, () => StartBatchAsync(action));

    private async Task StartBatchAsync(MeterBatchAction action)
    {
        var ids = _allMatching ? await Query.IdsAsync(Filter, CancellationToken.None) : [.. _selected.Select(r => r.Id)];
        var parameters = new DialogParameters<CommandDialog>
        {
            { d => d.Title, L.Enum(action) },
            { d => d.Message, L["Meters.Batch.Confirm", L.Enum(action), ids.Count].Value },
            { d => d.NeedsExpiry, action == MeterBatchAction.KeepPower },
            { d => d.Zone, await ZoneAsync() },
            { d => d.Now, Time.GetUtcNow() },
            { d => d.MaxDuration, KeepPowerOptions.Value.MaxDuration },
        };
        var dialog = await Dialogs.ShowAsync<CommandDialog>(L.Enum(action), parameters);
        if (await dialog.Result is not { Canceled: false, Data: CommandConfirmation confirmation })
        {
            return;
        }

        try
        {
            var address = HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
            _batch = await Batches.StartAsync(_user, action, ids, confirmation.Reason, confirmation.ExpiresAt, address, CancellationToken.None);
        }
        catch (MeterCommandRefusedException ex)
        {
            Snackbar.Add(ex.Message, Severity.Warning);
        }
        catch (PermissionDeniedException)
        {
            Snackbar.Add(L["Account.Denied.Body"], Severity.Error);
        }
    }

    private async Task<TimeZoneInfo> ZoneAsync()
    {
        await using var db = await DbFactory.CreateDbContextAsync();
        return await SiteTime.FirstSiteZoneAsync(db, CancellationToken.None);
    }
}
