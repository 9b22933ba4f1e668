using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Prepaid.App.Billing.Collection;
using Prepaid.App.Persistence;

namespace Prepaid.App.Billing.Pages;

/// <summary>Finance's call list: the shops that are off, about to be tripped for fees, or low, most urgent first.</summary>
public partial class ShopsToCallPage
{
    private IReadOnlyList<ShopToCall>? _rows;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject] private ShopsToCallQuery Query { get; set; } = default!;
    [Inject] private IDbContextFactory<PrepaidDb> Factory { get; set; } = default!;

    private static string ExportUrl => ShopsToCallExport.Path.TrimStart('/');

    protected override async Task OnInitializedAsync()
    {
        await using (var db = await Factory.CreateDbContextAsync())
        {
            _zone = await SiteTime.FirstSiteZoneAsync(db, CancellationToken.None);
        }

        _rows = await Query.ListAsync(CancellationToken.None);
    }

    private string Summary => L["Billing_Call_Summary", _rows!.Count,
        _rows.Count(r => r.Reason is CallReason.TrippedForFees or CallReason.OutOfMoney),
        _rows.Count(r => r.Reason == CallReason.GraceRunning),
        _rows.Count(r => r.Reason is CallReason.BelowAlarm1 or CallReason.BelowAlarm2)];

    private string WhenText(ShopToCall row) => row switch
    {
        { Reason: CallReason.GraceRunning, GraceUntil: { } until } => L["Billing_Call_OffAt", SiteTime.Format(until, _zone)],
        { Since: { } since } => L["Billing_Call_Since", SiteTime.Format(since, _zone)],
        _ => "",
    };

    private static string OwedText(ShopToCall row) => row.Owed > 0 ? Money(row.Owed) : "";

    private static string AvailableText(ShopToCall row) => row.Available is { } available ? Money(available) : "";

    private static string HeldText(ShopToCall row) => row.InMeters is { } held ? Money(held) : "";

    private static Color ReasonColor(CallReason reason) => reason switch
    {
        CallReason.TrippedForFees or CallReason.OutOfMoney => Color.Error,
        CallReason.GraceRunning or CallReason.BelowAlarm2 => Color.Warning,
        _ => Color.Default,
    };

    private static string TenantName(ShopToCall row) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? row.TenantName : row.TenantNameEn;

    private static string AccountUrl(ShopToCall row) => "tenants/accounts/" + row.AccountId.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => Kernel.Localization.YuanText.Format(value);
}
