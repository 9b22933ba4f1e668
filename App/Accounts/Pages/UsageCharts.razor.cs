using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Prepaid.App.Accounts;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Pages;

/// <summary>Consumption per day (last 30 days) or per month (last 12 months) of one of the account's meters,
/// from the 15-minute interval energy.</summary>
public partial class UsageCharts
{
    private const int Days = 30;
    private const int Months = 12;
    private int _meterId;
    private bool _monthly;
    private List<ChartSeries<decimal>> _series = [];
    private string[] _labels = [];
    private IReadOnlyList<UsagePoint> _points = [];

    [Parameter, EditorRequired] public IReadOnlyList<Meter> Meters { get; set; } = [];
    [Parameter, EditorRequired] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    [Inject] private AccountQueries Queries { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (Meters.Count > 0 && Meters.All(m => m.Id != _meterId))
        {
            _meterId = Meters[0].Id;
            await LoadAsync();
        }
    }

    private async Task OnMeterChanged(int meterId)
    {
        _meterId = meterId;
        await LoadAsync();
    }

    private async Task ShowDailyAsync()
    {
        _monthly = false;
        await LoadAsync();
    }

    private async Task ShowMonthlyAsync()
    {
        _monthly = true;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var today = SiteTime.Today(Time.GetUtcNow(), Zone);
        _points = _monthly
            ? await Queries.MonthlyUsageAsync(_meterId, today, Months, CancellationToken.None)
            : await Queries.DailyUsageAsync(_meterId, today, Days, CancellationToken.None);
        // Thirty dates do not fit under the bars: the day of the month, with the month on the 1st and the first bar.
        _labels = [.. _points.Select((p, i) => _monthly
            ? p.Period.ToString("yy-MM", CultureInfo.InvariantCulture)
            : p.Period.ToString(i == 0 || p.Period.Day == 1 ? "M/d" : "%d", CultureInfo.InvariantCulture))];
        _series = [new ChartSeries<decimal> { Name = Unit, Data = new ChartData<decimal>([.. _points.Select(p => Math.Round(p.Value, 2))]) }];
    }

    private string Unit => Meters.FirstOrDefault(m => m.Id == _meterId)?.Kind == MeterKind.Water ? "m³" : "kWh";

    private string TotalText => L["Accounts.UsageTotal", _points.Sum(p => p.Value).ToString("N2", CultureInfo.InvariantCulture), Unit];
}
