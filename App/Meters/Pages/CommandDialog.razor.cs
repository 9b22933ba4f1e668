using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Prepaid.App.Meters.Pages;

/// <summary>What the user confirmed: the reason, and for keep power the expiry (UTC).</summary>
public sealed record CommandConfirmation(string Reason, DateTimeOffset? ExpiresAt);

/// <summary>
/// Confirmation of a control command or batch: a reason, and for keep power an expiry entered in site time and checked
/// here against the allowed range (the service checks it again). Closes with a <see cref="CommandConfirmation"/>.
/// </summary>
public partial class CommandDialog
{
    private const string LocalFormat = "yyyy-MM-ddTHH:mm";

    private string _reason = "";
    private string? _expiry;
    private string? _error;

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    [Parameter, EditorRequired] public string Title { get; set; } = "";
    [Parameter, EditorRequired] public string Message { get; set; } = "";
    [Parameter] public bool NeedsExpiry { get; set; }
    [Parameter] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;
    [Parameter] public DateTimeOffset Now { get; set; }
    [Parameter] public TimeSpan MaxDuration { get; set; } = TimeSpan.FromDays(31);

    private static readonly (string Key, TimeSpan Span)[] QuickExpiries =
    [
        ("Meter.Dialog.Hours4", TimeSpan.FromHours(4)),
        ("Meter.Dialog.Day1", TimeSpan.FromDays(1)),
        ("Meter.Dialog.Days7", TimeSpan.FromDays(7)),
    ];

    private string ZoneName => Zone.Id;

    protected override void OnInitialized()
    {
        if (NeedsExpiry)
        {
            SetExpiry(TimeSpan.FromDays(1));
        }
    }

    private void SetExpiry(TimeSpan span) =>
        _expiry = TimeZoneInfo.ConvertTime(Now + span, Zone).ToString(LocalFormat, CultureInfo.InvariantCulture);

    private EventCallback<Microsoft.AspNetCore.Components.Web.MouseEventArgs> QuickExpiry(TimeSpan span) =>
        EventCallback.Factory.Create<Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, () => SetExpiry(span));

    private void Cancel() => Dialog.Cancel();

    private void Confirm()
    {
        _error = null;
        DateTimeOffset? expiresAt = null;
        if (NeedsExpiry)
        {
            if (!DateTime.TryParseExact(_expiry, [LocalFormat, LocalFormat + ":ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                _error = L["Meter.Dialog.ExpiryMissing"];
                return;
            }

            var at = new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
            if (at <= Now)
            {
                _error = L["Meter.Dialog.ExpiryPast"];
                return;
            }

            if (at - Now > MaxDuration)
            {
                _error = L["Meter.Dialog.ExpiryTooFar", MaxDuration.TotalDays.ToString("0.#", CultureInfo.CurrentCulture)];
                return;
            }

            expiresAt = at;
        }

        Dialog.Close(DialogResult.Ok(new CommandConfirmation(_reason.Trim(), expiresAt)));
    }
}
