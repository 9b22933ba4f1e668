using System.Globalization;
using Microsoft.AspNetCore.Components;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.Pages;

/// <summary>The nightly reconciliation of meter-billing meters: pick a run date, see every discrepancy found.</summary>
public partial class ReconciliationPage
{
    private List<DateOnly>? _dates;
    private DateOnly _date;
    private List<DiscrepancyRow> _rows = [];
    private int _compared;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject] private DiscrepancyQuery Query { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _zone = await Query.SiteZoneAsync(CancellationToken.None);
        _dates = await Query.RunDatesAsync(CancellationToken.None);
        if (_dates.Count > 0)
        {
            await SelectAsync(_dates[0]);
        }
    }

    private async Task SelectAsync(DateOnly date)
    {
        _date = date;
        _rows = await Query.OfDateAsync(date, CancellationToken.None);
        _compared = await Query.ComparedAsync(date, CancellationToken.None);
    }

    private string Summary => string.Format(CultureInfo.CurrentCulture, L["Billing_Recon_Summary"], _compared, _rows.Count);

    private static string DateText(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private string KindText(DiscrepancyKind kind) => L["Billing_Recon_Kind_" + kind];

    private static string Number(decimal? value) => value is { } v ? v.ToString("0.####", CultureInfo.CurrentCulture) : "";

    private string TimeText(DateTimeOffset at) => SiteTime.Format(at, _zone);

    private static string MeterLink(DiscrepancyRow row) => "meters/" + row.MeterId.ToString(CultureInfo.InvariantCulture);
}
