using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using MudBlazor;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Meters.Commands;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Meters.KeepPower;
using Prepaid.Domain.Model;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Meters.Pages;

/// <summary>The meter page's commands: a dialog with the reason (and expiry), then live progress from the command notifier.</summary>
public partial class MeterDetailPage
{
    private readonly Dictionary<long, MeterCommandChange> _inProgress = [];
    private string? _result;
    private Severity _resultSeverity;

    [Inject] private MeterCommandService Commands { get; set; } = default!;
    [Inject] private KeepPowerService KeepPower { get; set; } = default!;
    [Inject] private IOptions<KeepPowerOptions> KeepPowerOptions { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    private static readonly MeterCommandKind[] ElectricityCommands =
        [MeterCommandKind.Trip, MeterCommandKind.Close, MeterCommandKind.KeepPower, MeterCommandKind.Release, MeterCommandKind.PushPrices, MeterCommandKind.PushPowerLimit];

    private static readonly MeterCommandKind[] WaterCommands = [MeterCommandKind.CloseValve, MeterCommandKind.OpenValve];

    /// <summary>The commands this meter has and this user may give; the services check both again.</summary>
    private IReadOnlyList<MeterCommandKind> AvailableCommands => _meter is null ? [] :
        [.. (IsWater ? WaterCommands : ElectricityCommands).Where(k => MeterCommandService.Fits(_meter, k) && _user.Allows(MeterCommandService.PermissionFor(k)))];

    private EventCallback<MouseEventArgs> ChooseCallback(MeterCommandKind kind) => EventCallback.Factory.Create<MouseEventArgs>(this, () => ChooseAsync(kind));

    private async Task ChooseAsync(MeterCommandKind kind)
    {
        var parameters = new DialogParameters<CommandDialog>
        {
            { d => d.Title, L.Enum(kind) },
            { d => d.Message, L["Meter.ConfirmCommand", L.Enum(kind), _meter!.Name].Value },
            { d => d.NeedsExpiry, kind == MeterCommandKind.KeepPower },
            { d => d.Zone, _zone },
            { d => d.Now, Time.GetUtcNow() },
            { d => d.MaxDuration, KeepPowerOptions.Value.MaxDuration },
        };
        var dialog = await Dialogs.ShowAsync<CommandDialog>(L.Enum(kind), parameters);
        if (await dialog.Result is { Canceled: false, Data: CommandConfirmation confirmation })
        {
            _result = null;
            // The command outlives this page: it runs on the server whether or not the browser stays.
            _ = Task.Run(() => RunAsync(kind, confirmation));
        }
    }

    private async Task RunAsync(MeterCommandKind kind, CommandConfirmation confirmation)
    {
        var address = HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
        Severity severity;
        string result;
        try
        {
            var command = kind switch
            {
                MeterCommandKind.KeepPower => (await KeepPower.GrantAsync(_user, MeterId, confirmation.ExpiresAt!.Value, confirmation.Reason, address, CancellationToken.None)).Command,
                MeterCommandKind.Release => (await KeepPower.ReleaseAsync(_user, MeterId, confirmation.Reason, address, CancellationToken.None)).Command,
                _ => await Commands.ExecuteAsync(_user, MeterId, kind, confirmation.Reason, address, CancellationToken.None),
            };
            (severity, result) = command.State switch
            {
                MeterCommandState.Confirmed => (Severity.Success, L["Meter.Result.Confirmed", L.Enum(kind)].Value),
                MeterCommandState.Refused => (Severity.Warning, L["Meter.Result.Refused", L.Enum(kind), command.Error ?? ""].Value),
                _ => (Severity.Error, L["Meter.Result.Failed", L.Enum(kind), command.Error ?? ""].Value),
            };
        }
        catch (MeterCommandRefusedException ex)
        {
            (severity, result) = (Severity.Warning, ex.Message);
        }
        catch (PermissionDeniedException)
        {
            (severity, result) = (Severity.Error, L["Account.Denied.Body"].Value);
        }

        try
        {
            await InvokeAsync(async () =>
            {
                (_resultSeverity, _result) = (severity, result);
                await RefreshLiveAsync();
                await LoadJournalAsync();
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The page was closed; the command has run and is in the journal.
        }
    }

    /// <summary>Any command on this meter, whoever gave it: shown while it runs, then the journal is reloaded.</summary>
    private void OnCommandChanged(MeterCommandChange change)
    {
        if (change.MeterId != MeterId)
        {
            return;
        }

        _ = InvokeAsync(async () =>
        {
            if (change.State is MeterCommandState.Requested or MeterCommandState.Sent)
            {
                _inProgress[change.CommandId] = change;
            }
            else
            {
                _inProgress.Remove(change.CommandId);
            }

            await LoadJournalAsync();
            StateHasChanged();
        });
    }
}
