using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Prepaid.App.Accounts;
using Prepaid.App.Accounts.Pages;
using Prepaid.App.Identity;
using Prepaid.Domain.Security;
using Prepaid.App.Kernel.Security;

namespace Prepaid.App.Accounts.Pages;

/// <summary>Every account with its tenant, the money that counts for it (in the meters for meter billing) and its ledger balance, searchable by unit, name, account number, contact or mobile.</summary>
public partial class TenantsPage
{
    private static readonly int[] PageSizes = [25, 50, 100, 200];
    private MudDataGrid<AccountRow>? _grid;
    private string? _search;
    private bool _includeClosed;
    private int _total;
    private bool _canManage;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject] private AccountDirectory Directory { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;

    protected override async Task OnInitializedAsync() =>
        _canManage = (await Authentication.GetAuthenticationStateAsync()).User.Allows(Permission.ManageAccounts);

    private async Task<GridData<AccountRow>> LoadAsync(GridState<AccountRow> state, CancellationToken cancellationToken)
    {
        var page = await Directory.SearchAsync(_search, _includeClosed, state.Page * state.PageSize, state.PageSize, cancellationToken);
        _total = page.Total;
        _zone = page.SiteZone;
        return new GridData<AccountRow> { Items = page.Rows, TotalItems = page.Total };
    }

    private Task OnSearchChanged(string? value) => Reload(() => _search = value);

    private Task OnIncludeClosedChanged(bool value) => Reload(() => _includeClosed = value);

    private async Task Reload(Action apply)
    {
        apply();
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    internal static string AccountUrl(AccountRow row) => $"tenants/accounts/{row.AccountId.ToString(CultureInfo.InvariantCulture)}";

    private static string TenantName(AccountRow row) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? row.TenantName : row.TenantNameEn;

    private static string Money(decimal value) => RechargePanel.Money(value);

    private string StateText(AccountRow row) => row.ClosedAt is null ? L["Accounts.State.Open"] : L["Accounts.State.Closed"];
}
