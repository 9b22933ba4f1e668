using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Prepaid.App.Accounts;
using Prepaid.App.Identity;
using Prepaid.App.Ui;
using Prepaid.Domain.Model;

namespace Prepaid.App.Components.Pages.Tenants;

/// <summary>Opens an account for a tenant with one or many of its (or free) meters, optionally carrying over the
/// balance of one of the tenant's open accounts.</summary>
public partial class OpenAccountPage
{
    private IReadOnlyList<Tenant> _tenants = [];
    private int _tenantId;
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

    private async Task OnTenantChanged(int tenantId)
    {
        _tenantId = tenantId;
        _selected.Clear();
        _transferFrom = null;
        _error = null;
        _candidates = await Queries.OpenCandidatesAsync(tenantId, CancellationToken.None);
    }

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
    private Func<int, string?> TenantText => id => _tenants.FirstOrDefault(t => t.Id == id) is { } t ? TenantLabel(t) : null;

    private static string TenantLabel(Tenant t) => $"{t.UnitNumber} · " +
        (CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? t.Name : t.NameEn);

    private string MeterLabel(Meter m) => $"{m.Name} · {L.Enum(m.Kind)} · {m.SerialNumber}";
}
