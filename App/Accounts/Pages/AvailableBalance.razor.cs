using Microsoft.AspNetCore.Components;
using Prepaid.App.Accounts;
using Prepaid.App.Accounts.Pages;
using Prepaid.App.Persistence;
namespace Prepaid.App.Accounts.Pages;

/// <summary>The money that counts for the tenant in an account list: for an account whose meters bill themselves,
/// what the meters hold (marked "in meters", unknown while a meter is unread, read time in the tooltip); otherwise
/// the ledger balance.</summary>
public partial class AvailableBalance
{
    [Parameter, EditorRequired] public AccountRow Row { get; set; } = default!;
    [Parameter, EditorRequired] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;

    private string TestId => "available-" + Row.Number;

    private string HeldText => Row.Available is { } total
        ? L["Accounts.List.InMeters", Money(total)]
        : L["Accounts.List.InMetersUnknown"];

    private string HeldTooltip
    {
        get
        {
            var held = Row.Held!;
            var read = held.OldestReadAt is { } at ? L["Accounts.List.ReadAt", SiteTime.Format(at, Zone)] : L["Accounts.List.NeverRead"];
            return held.Unread == 0 ? read : L["Accounts.List.UnreadTip", held.Unread, Money(held.ReadSum), read];
        }
    }

    private static string Money(decimal value) => RechargePanel.Money(value);
}
