using System.Globalization;
using Microsoft.AspNetCore.Components;
using Prepaid.App.Accounts;
using Prepaid.App.Accounts.Pages;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Pages;

/// <summary>For an account whose meters bill themselves (内控): what each meter holds (its remaining amount as last
/// read) and their sum, which is the money that counts for the tenant; the ledger balance beside it is only paid in
/// minus fees, because the meters deduct consumption themselves.</summary>
public partial class MeterHeldBalances
{
    [Parameter, EditorRequired] public IReadOnlyList<AccountMeter> Meters { get; set; } = [];
    [Parameter, EditorRequired] public decimal LedgerBalance { get; set; }
    [Parameter, EditorRequired] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    /// <summary>True when at least one meter of the account bills itself.</summary>
    public static bool AppliesTo(IReadOnlyList<AccountMeter> meters) => meters.Any(m => m.Meter.BillingMode == BillingMode.Meter);

    private IReadOnlyList<AccountMeter> HeldBy => [.. Meters.Where(m => m.Meter.BillingMode == BillingMode.Meter)];

    /// <summary>The sum of what was read; a meter never read is named as such and left out of the sum.</summary>
    private string TotalText
    {
        get
        {
            var read = HeldBy.Where(m => m.Live?.RemainingYuan is not null).ToList();
            var total = Money(read.Sum(m => m.Live!.RemainingYuan!.Value));
            return read.Count == HeldBy.Count ? total : L["Accounts.MeterHeld.Partial", total, HeldBy.Count - read.Count];
        }
    }

    private string Line(AccountMeter m) => m.Live?.RemainingYuan is { } r
        ? L["Accounts.MeterHeld.Line", m.Meter.Name, Money(r), SiteTime.Format(m.Live.LastGoodAt ?? m.Live.UpdatedAt, Zone)]
        : L["Accounts.MeterHeld.NotRead", m.Meter.Name];

    private static string MeterTestId(AccountMeter m) => "meter-held-" + m.Meter.Id.ToString(CultureInfo.InvariantCulture);

    private static string Money(decimal value) => RechargePanel.Money(value);
}
