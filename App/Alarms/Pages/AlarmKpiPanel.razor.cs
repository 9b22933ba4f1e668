using System.Globalization;
using Microsoft.AspNetCore.Components;
using Prepaid.App.Alarms;
using Prepaid.App.Persistence;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;

namespace Prepaid.App.Alarms.Pages;

/// <summary>Alarm KPIs for a chosen period of site days (targets of Domain/Alarms/README.md beside each figure).</summary>
public partial class AlarmKpiPanel
{
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private DateTime? _from;
    private DateTime? _to;
    private AlarmKpiReport? _report;
    private string? _error;

    [Inject] private AlarmQuery Query { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _zone = await Query.SiteZoneAsync(CancellationToken.None);
        var today = SiteTime.Today(Time.GetUtcNow(), _zone);
        _from = today.AddDays(-6).ToDateTime(TimeOnly.MinValue);
        _to = today.ToDateTime(TimeOnly.MinValue);
        await ComputeAsync();
    }

    private async Task ComputeAsync()
    {
        var from = DateOnly.FromDateTime(_from ?? DateTime.Today);
        var to = DateOnly.FromDateTime(_to ?? _from ?? DateTime.Today);
        if (to < from)
        {
            _error = L["Alarms.Error.Period"];
            _report = null;
            return;
        }

        _error = null;
        var end = SiteTime.MidnightUtc(to.AddDays(1), _zone);
        var now = Time.GetUtcNow();
        // A period that includes today ends now: the rest of the day has no alarms yet.
        _report = await Query.KpiAsync(SiteTime.MidnightUtc(from, _zone), end > now && now > SiteTime.MidnightUtc(from, _zone) ? now : end, CancellationToken.None);
    }

    private static string N(double value, string format = "0.00") => value.ToString(format, CultureInfo.CurrentCulture);

    private string Hours(TimeSpan span) => L["Alarms.Kpi.HoursValue", N(span.TotalHours, "0.0")];

    private IEnumerable<(string Key, string Value, string Target, bool Abnormal, string TestId)> Tiles
    {
        get
        {
            var r = _report!;
            var rate = r.Rates[0];
            return
            [
                ("Alarms.Kpi.Total", r.AlarmCount.ToString(CultureInfo.CurrentCulture), "", false, "kpi-total"),
                ("Alarms.Kpi.Rate", N(rate.AveragePerInterval), L["Alarms.Kpi.RateTarget"], rate.AveragePerInterval > 2, "kpi-rate"),
                ("Alarms.Kpi.MaxRate", rate.MaxPerInterval.ToString(CultureInfo.CurrentCulture), rate.MaxIntervalStart is { } at ? SiteTime.Format(at, _zone) : "", rate.MaxPerInterval > 10, "kpi-max-rate"),
                ("Alarms.Kpi.Floods", r.Floods.Count.ToString(CultureInfo.CurrentCulture), Hours(r.TimeInFlood), r.Floods.Count > 0, "kpi-floods"),
                ("Alarms.Kpi.Standing", r.Standing.Count.ToString(CultureInfo.CurrentCulture), L["Alarms.Kpi.StandingTarget"], r.Standing.Count >= 5, "kpi-standing-count"),
                ("Alarms.Kpi.Chattering", r.Chattering.Count.ToString(CultureInfo.CurrentCulture), L["Alarms.Kpi.ChatteringTarget"], r.Chattering.Count > 0, "kpi-chattering"),
            ];
        }
    }

    private IEnumerable<(AlarmPriority Priority, int Count, string Share, string Target)> Priorities
    {
        get
        {
            var d = _report!.Priorities;
            return
            [
                (AlarmPriority.High, d.High, N(d.Percent(AlarmPriority.High), "0.0") + " %", "5 %"),
                (AlarmPriority.Medium, d.Medium, N(d.Percent(AlarmPriority.Medium), "0.0") + " %", "15 %"),
                (AlarmPriority.Low, d.Low, N(d.Percent(AlarmPriority.Low), "0.0") + " %", "80 %"),
            ];
        }
    }
}
