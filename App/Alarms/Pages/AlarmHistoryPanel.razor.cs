using Microsoft.AspNetCore.Components;
using Prepaid.App.Alarms;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Alarms.Pages;

/// <summary>The alarm journal searched by period (site days), source, condition, priority, state and user; XLSX export of the same search.</summary>
public partial class AlarmHistoryPanel
{
    private const int MaxShown = 500;

    private IReadOnlyList<AlarmHistoryRow> _rows = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private DateTime? _from;
    private DateTime? _to;
    private string? _source;
    private string? _userText;
    private AlarmCondition? _condition;
    private AlarmPriority? _priority;
    private AlarmState? _state;
    private string? _error;

    [Inject] private AlarmQuery Query { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _zone = await Query.SiteZoneAsync(CancellationToken.None);
        var today = SiteTime.Today(Time.GetUtcNow(), _zone);
        _from = today.AddDays(-6).ToDateTime(TimeOnly.MinValue);
        _to = today.ToDateTime(TimeOnly.MinValue);
        await SearchAsync();
    }

    private IReadOnlyList<AlarmHistoryRow> Shown => _rows.Count > MaxShown ? [.. _rows.Take(MaxShown)] : _rows;

    /// <summary>The search as a filter: whole site days from the first to the last chosen day.</summary>
    private AlarmHistoryFilter? Filter
    {
        get
        {
            var from = DateOnly.FromDateTime(_from ?? DateTime.Today);
            var to = DateOnly.FromDateTime(_to ?? _from ?? DateTime.Today);
            return to < from
                ? null
                : new AlarmHistoryFilter(SiteTime.MidnightUtc(from, _zone), SiteTime.MidnightUtc(to.AddDays(1), _zone), _priority, _condition, null, _state, _source, _userText);
        }
    }

    private string ExportUrl => Filter is { } f ? AlarmExport.Link(f).TrimStart('/') : "";

    private async Task SearchAsync()
    {
        if (Filter is not { } filter)
        {
            _error = L["Alarms.Error.Period"];
            _rows = [];
            return;
        }

        _error = null;
        _rows = await Query.HistoryAsync(filter, CancellationToken.None);
    }

    private string Local(DateTimeOffset at) => SiteTime.Format(at, _zone);

    private string Note(AlarmJournalEntry e) => string.Join(" · ", new[]
    {
        e.Comment,
        e.Reason,
        e.Expiry is { } until ? L["Alarms.UntilShort", SiteTime.Format(until, _zone)].Value : null,
        e.Permit,
        e.SuppressedBy,
    }.Where(s => !string.IsNullOrEmpty(s)));
}
