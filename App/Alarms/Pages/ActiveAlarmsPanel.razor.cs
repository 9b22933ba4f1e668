using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Prepaid.App.Alarms;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Alarms.Pages;

/// <summary>
/// The active alarms, highest priority and newest first, live through the alarm notifier; acknowledge one, the
/// selection or everything matching the filter, with a comment; shelve with a reason and an expiry; reset, unshelve,
/// out of service. The service checks every permission again; the buttons only follow it.
/// </summary>
public partial class ActiveAlarmsPanel : IDisposable
{
    internal enum DialogMode { None, AcknowledgeOne, AcknowledgeSelected, AcknowledgeMatching, Shelve, RemoveFromService, ReturnToService }

    internal enum RowAction { Reset, Unshelve }

    private static readonly int[] ShelveChoices = [1, 4, 8, 24, 72, 168];

    private static readonly AlarmState[] ActiveStates = [.. Enum.GetValues<AlarmState>().Where(s => s != AlarmState.Normal)];

    private IReadOnlyList<AlarmRow> _rows = [];
    private readonly HashSet<long> _selected = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private ClaimsPrincipal _user = new();
    private bool _canAcknowledge;
    private bool _canShelve;
    private bool _busy;
    private IDisposable? _subscription;
    private string? _source;
    private AlarmPriority? _priority;
    private AlarmCondition? _condition;
    private AlarmState? _state;
    private DialogMode _dialog;
    private AlarmRow? _target;
    private string? _comment;
    private string? _reason;
    private string? _permit;
    private int _shelveHours = 8;
    private (Severity Severity, string Text)? _message;

    [Inject] private AlarmQuery Query { get; set; } = default!;
    [Inject] private AlarmService Alarms { get; set; } = default!;
    [Inject] private AlarmNotifier Notifier { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _zone = await Query.SiteZoneAsync(CancellationToken.None);
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        _canAcknowledge = _user.Allows(Permission.AcknowledgeAlarms);
        _canShelve = _user.Allows(Permission.ShelveAlarms);
        await LoadAsync();
        if (RendererInfo.IsInteractive)
        {
            _subscription = Notifier.Subscribe(OnAlarmsChangedAsync);
        }
    }

    private AlarmFilter Filter => new(_priority, _condition, null, _state, _source);

    private async Task LoadAsync()
    {
        _rows = await Query.ActiveAsync(Filter, CancellationToken.None);
        var present = _rows.Select(r => r.Id).ToHashSet();
        _selected.IntersectWith(present);
    }

    private async Task OnAlarmsChangedAsync()
    {
        await LoadAsync();
        await InvokeAsync(StateHasChanged);
    }

    private int UnacknowledgedCount => _rows.Count(r => r.NeedsAcknowledgement);
    private bool CanAcknowledgeSelected => _canAcknowledge && _rows.Any(r => r.NeedsAcknowledgement && _selected.Contains(r.Id));
    private bool CanAcknowledgeMatching => _canAcknowledge && UnacknowledgedCount > 0;
    private bool AllSelected => _rows.Count > 0 && _rows.All(r => _selected.Contains(r.Id));
    private bool CanShelve(AlarmRow row) => _canShelve && row.State is not (AlarmState.Shelved or AlarmState.Suppressed or AlarmState.OutOfService);
    private DateTimeOffset ShelveUntil => Time.GetUtcNow().AddHours(_shelveHours);
    private string ShelveUntilText => SiteTime.Format(ShelveUntil, _zone);
    private string Local(DateTimeOffset at) => SiteTime.Format(at, _zone);

    private static string RowClass(AlarmRow row) => row.NeedsAcknowledgement ? "alarm-row alarm-unack" : "alarm-row";

    private string Detail(AlarmRow row) => row.State switch
    {
        AlarmState.Shelved => L["Alarms.ShelvedDetail", row.ShelvedBy ?? "", SiteTime.Format(row.ShelvedUntil, _zone), row.ShelveReason ?? ""],
        AlarmState.Suppressed => L["Alarms.SuppressedDetail", row.SuppressedBy ?? ""],
        AlarmState.OutOfService => L["Alarms.OutOfServiceDetail", row.Permit ?? ""],
        AlarmState.ActiveAcknowledged => L["Alarms.AcknowledgedDetail", row.AcknowledgedBy ?? "", SiteTime.Format(row.AcknowledgedAt, _zone)] + " " + row.Message,
        _ => row.Message ?? "",
    };

    private string DialogTitle => _dialog switch
    {
        DialogMode.AcknowledgeOne => L["Alarms.AckOneTitle", _target?.SourceName ?? "", _target is null ? "" : L.Enum(_target.Key.Condition)],
        DialogMode.AcknowledgeSelected => L["Alarms.AckSelectedTitle", SelectedUnacknowledged.Count],
        DialogMode.AcknowledgeMatching => L["Alarms.AckMatchingTitle", UnacknowledgedCount],
        DialogMode.Shelve => L["Alarms.ShelveTitle", _target?.SourceName ?? "", _target is null ? "" : L.Enum(_target.Key.Condition)],
        DialogMode.RemoveFromService => L["Alarms.RemoveFromServiceTitle", _target?.SourceName ?? ""],
        DialogMode.ReturnToService => L["Alarms.ReturnToServiceTitle", _target?.SourceName ?? ""],
        _ => "",
    };

    private bool DialogValid => _dialog switch
    {
        DialogMode.Shelve => !string.IsNullOrWhiteSpace(_reason),
        DialogMode.RemoveFromService or DialogMode.ReturnToService => !string.IsNullOrWhiteSpace(_permit),
        _ => true,
    };

    private List<long> SelectedUnacknowledged => [.. _rows.Where(r => r.NeedsAcknowledgement && _selected.Contains(r.Id)).Select(r => r.Id)];

    private void Toggle(long id, ChangeEventArgs e)
    {
        if (e.Value is true)
        {
            _selected.Add(id);
        }
        else
        {
            _selected.Remove(id);
        }
    }

    private void ToggleAll(ChangeEventArgs e)
    {
        _selected.Clear();
        if (e.Value is true)
        {
            _selected.UnionWith(_rows.Select(r => r.Id));
        }
    }

    private void OpenAcknowledgeOne(AlarmRow row) => Open(DialogMode.AcknowledgeOne, row);
    private void OpenAcknowledgeSelected() => Open(DialogMode.AcknowledgeSelected, null);
    private void OpenAcknowledgeMatching() => Open(DialogMode.AcknowledgeMatching, null);
    private void OpenDialog(AlarmRow row, DialogMode mode) => Open(mode, row);

    private void Open(DialogMode mode, AlarmRow? target)
    {
        _dialog = mode;
        _target = target;
        _comment = _reason = null;
        _permit = target?.Permit;
        _message = null;
    }

    private void CloseDialog() => _dialog = DialogMode.None;
    private void CloseMessage() => _message = null;

    private async Task ConfirmAsync()
    {
        await ActAsync(async () =>
        {
            var text = _dialog switch
            {
                DialogMode.AcknowledgeOne => L["Alarms.Acknowledged", await Alarms.AcknowledgeAsync(_user, [_target!.Id], _comment)],
                DialogMode.AcknowledgeSelected => L["Alarms.Acknowledged", await Alarms.AcknowledgeAsync(_user, SelectedUnacknowledged, _comment)],
                DialogMode.AcknowledgeMatching => L["Alarms.Acknowledged", await Alarms.AcknowledgeMatchingAsync(_user, Filter, _comment)],
                DialogMode.Shelve => await Done(Alarms.ShelveAsync(_user, _target!.Id, _reason ?? "", ShelveUntil, _comment), L["Alarms.ShelvedDone", ShelveUntilText]),
                DialogMode.RemoveFromService => await Done(Alarms.RemoveFromServiceAsync(_user, _target!.Id, _permit ?? "", _comment), L["Alarms.Done"]),
                DialogMode.ReturnToService => await Done(Alarms.ReturnToServiceAsync(_user, _target!.Id, _permit ?? "", _comment), L["Alarms.Done"]),
                _ => L["Alarms.Done"],
            };
            _dialog = DialogMode.None;
            _selected.Clear();
            return text;
        });
    }

    private Task RunAsync(AlarmRow row, RowAction action) => ActAsync(async () => action switch
    {
        RowAction.Reset => await Done(Alarms.ResetAsync(_user, row.Id, null), L["Alarms.Done"]),
        _ => await Done(Alarms.UnshelveAsync(_user, row.Id, null), L["Alarms.Done"]),
    });

    private static async Task<string> Done(Task action, string text)
    {
        await action;
        return text;
    }

    private async Task ActAsync(Func<Task<string>> action)
    {
        _busy = true;
        try
        {
            _message = (Severity.Success, await action());
        }
        catch (AlarmActionException ex)
        {
            _message = (Severity.Error, L["Alarms.Error." + ex.Code].ResourceNotFound ? ex.Message : L["Alarms.Error." + ex.Code]);
        }
        catch (PermissionDeniedException)
        {
            _message = (Severity.Error, L["Alarms.Error.Permission"]);
        }
        finally
        {
            _busy = false;
        }

        await LoadAsync();
    }

    private Task OnSourceChanged(string? value) => Reload(() => _source = value);
    private Task OnPriorityChanged(AlarmPriority? value) => Reload(() => _priority = value);
    private Task OnConditionChanged(AlarmCondition? value) => Reload(() => _condition = value);
    private Task OnStateChanged(AlarmState? value) => Reload(() => _state = value);

    private async Task Reload(Action apply)
    {
        apply();
        await LoadAsync();
    }

    public void Dispose() => _subscription?.Dispose();
}
