using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Prepaid.App.Accounts;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Model;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Accounts.Pages;

/// <summary>Opens an account for a tenant with one or many of its (or free) meters, optionally carrying over the
/// balance of one of the tenant's open accounts.</summary>
public partial class OpenAccountPage
{
    private IReadOnlyList<Tenant> _tenants = [];
    private int _tenantId;
    private Tenant? _tenant;
    private OpenCandidates? _candidates;
    private readonly HashSet<int> _selected = [];
    private int? _transferFrom;
    private bool _running;
    private string? _error;

    [Inject] private AccountQueries Queries { get; set; } = default!;
    [Inject] private AccountLifecycle Lifecycle { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    protected override async Task OnInitializedAsync() => _tenants = await Queries.TenantsAsync(CancellationToken.None);

    private async Task OnTenantChanged(Tenant? tenant)
    {
        _tenant = tenant;
        _tenantId = tenant?.Id ?? 0;
        _selected.Clear();
        _transferFrom = null;
        _error = null;
        _candidates = tenant is null ? null : await Queries.OpenCandidatesAsync(tenant.Id, CancellationToken.None);
    }

    /// <summary>Matches the unit number, the name in either language, the contact or a mobile number; an empty text lists all.</summary>
    private Task<IEnumerable<Tenant>> SearchTenants(string? text, CancellationToken cancellationToken) =>
        Task.FromResult(MatchTenants(_tenants, text));

    internal static IEnumerable<Tenant> MatchTenants(IEnumerable<Tenant> tenants, string? text)
    {
        var term = text?.Trim();
        if (string.IsNullOrEmpty(term))
        {
            return tenants;
        }

        return tenants.Where(t => Has(t.UnitNumber, term) || Has(t.Name, term) || Has(t.NameEn, term) || Has(t.ContactName, term)
            || Has(t.Mobile, term) || Has(t.MobileAlt, term));
    }

    private static bool Has(string? value, string term) => value?.Contains(term, StringComparison.OrdinalIgnoreCase) == true;

    private void Toggle(int meterId, bool on)
    {
        if (on)
        {
            _selected.Add(meterId);
        }
        else
        {
            _selected.Remove(meterId);
        }
    }

    private async Task OpenAsync()
    {
        _running = true;
        _error = null;
        try
        {
            var user = (await Authentication.GetAuthenticationStateAsync()).User;
            var opened = await Lifecycle.OpenAsync(user, _tenantId, [.. _selected], _transferFrom,
                HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
            Navigation.NavigateTo($"tenants/accounts/{opened.Account.Id.ToString(CultureInfo.InvariantCulture)}");
        }
        catch (AccountRefusedException e)
        {
            _error = L["Accounts.Error." + e.Code];
        }
        catch (PermissionDeniedException)
        {
            _error = L["Cashier.Error.permission"];
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>The select shows the chosen tenant's label, and nothing (so its placeholder) before a choice, not the id.</summary>
    private static string? TenantText(Tenant? t) => t is null ? null : TenantLabel(t);

    private static string TenantLabel(Tenant t) => $"{t.UnitNumber} · {Prepaid.App.Accounts.Desk.TenantNames.Local(t.Name, t.NameEn)} · {t.Mobile}";

    private string MeterLabel(Meter m) => $"{m.Name} · {L.Enum(m.Kind)} · {m.SerialNumber}";
}
