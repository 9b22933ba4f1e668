using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Prepaid.App.Accounts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Accounts.Pages;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Security;

namespace Prepaid.App.Accounts.Pages;

/// <summary>One account: balance, tenant details (editable by permission), its meters with their latest readings,
/// usage charts, the ledger with filters, and the close. A movement posted anywhere (a recharge at the desk, a
/// charge by billing) reloads the page's figures through the ledger's notifier.</summary>
public partial class AccountPage : IDisposable
{
    private IDisposable? _subscription;
    private AccountDetails? _details;
    private IReadOnlyList<AccountNotice> _notices = [];
    private bool _loaded;
    private bool _canManage;
    private bool _canRequest;
    private bool _canViewMeters;

    [Parameter] public int AccountId { get; set; }

    [Inject] private AccountQueries Queries { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private LedgerNotifier LedgerChanges { get; set; } = default!;

    protected override void OnInitialized() => _subscription = LedgerChanges.Subscribe(change =>
    {
        if (change.AccountId == AccountId)
        {
            _ = InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            });
        }
    });

    public void Dispose() => _subscription?.Dispose();

    protected override async Task OnParametersSetAsync()
    {
        var user = (await Authentication.GetAuthenticationStateAsync()).User;
        _canManage = user.Allows(Permission.ManageAccounts);
        _canRequest = user.Allows(Permission.RequestRefund);
        _canViewMeters = user.Allows(Permission.ViewLiveState);
        await ReloadAsync();
    }

    private async Task ReloadAsync()
    {
        _details = await Queries.DetailsAsync(AccountId, CancellationToken.None);
        _notices = await Queries.NoticesAsync(AccountId, NoticeCount, CancellationToken.None);
        _loaded = true;
    }

    private IReadOnlyList<Meter> MeterList => _details is null ? [] : [.. _details.Meters.Select(m => m.Meter)];

    private string TenantName => _details is null ? "" :
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? _details.Tenant.Name : _details.Tenant.NameEn;

    private string StateText => _details?.Account.ClosedAt is { } closed ? L["Accounts.ClosedOn", Time(closed)] : L["Accounts.State.Open"];

    private const int NoticeCount = 5;

    private string NoticeText(AccountNotice n) => n.Level switch
    {
        // Fee notices are about money owed, not a balance, and about the shop rather than one meter.
        NoticeLevel.FeesOwed or NoticeLevel.FeeTrip => L["Accounts.Notice.FeeLine", L["Accounts.Notice." + n.Level], Money(n.Balance)],
        NoticeLevel.FeeRestored => L["Accounts.Notice." + n.Level],
        _ => L["Accounts.Notice.Line", L["Accounts.Notice." + n.Level], Money(n.Balance), n.MeterName ?? "-"],
    };

    private string NoticeChannel(AccountNotice n) =>
        n.Channel == Prepaid.Domain.Model.TenantNotice.PendingChannel ? L["Accounts.Notice.Pending"] : L["Accounts.Notice.SentBy", n.Channel];

    private string Time(DateTimeOffset? at) => SiteTime.Format(at, _details?.Zone ?? TimeZoneInfo.Utc);

    private static string Money(decimal value) => RechargePanel.Money(value);

    /// <summary>Under meter billing the ledger figure is not what the tenant has, so it is named for what it is.</summary>
    private string BalanceLabel => _details is { } d && MeterHeldBalances.AppliesTo(d.Meters) ? L["Accounts.LedgerBalance"] : L["Accounts.Col.Balance"];

    private static string MeterUrl(Meter m) => $"meters/{m.Id.ToString(CultureInfo.InvariantCulture)}";

    private static string Reading(AccountMeter m) => m.Meter.Kind == MeterKind.Water
        ? m.Live?.VolumeM3 is { } v ? v.ToString("N3", CultureInfo.InvariantCulture) + " m³" : ""
        : m.Live?.EnergyKwh is { } e ? e.ToString("N2", CultureInfo.InvariantCulture) + " kWh" : "";

    private static string Remaining(AccountMeter m) => m.Live?.RemainingYuan is { } r ? Money(r) : "";
}
