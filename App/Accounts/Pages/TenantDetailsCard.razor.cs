using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Prepaid.App.Accounts;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Pages;

/// <summary>A tenant's details, and their edit form for those allowed; the service validates and audits the change.</summary>
public partial class TenantDetailsCard
{
    private bool _editing;
    private bool _saving;
    private string _name = "", _nameEn = "", _unit = "", _contact = "", _mobile = "";
    private string? _mobileAlt;
    private decimal _area;
    private BusinessType _business;
    private IReadOnlyDictionary<string, string> _errors = new Dictionary<string, string>();
    private string? _message;
    private Severity _severity;

    [Parameter, EditorRequired] public Tenant Tenant { get; set; } = default!;
    [Parameter] public bool CanEdit { get; set; }
    [Parameter] public EventCallback Saved { get; set; }

    [Inject] private TenantService Tenants { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    private IEnumerable<(string Key, string Value)> Rows =>
    [
        ("Accounts.Field.Name", Tenant.Name),
        ("Accounts.Field.NameEn", Tenant.NameEn),
        ("Accounts.Col.Unit", Tenant.UnitNumber),
        ("Accounts.Field.Area", Tenant.LeasedAreaM2.ToString("0.##", CultureInfo.InvariantCulture) + " m²"),
        ("Accounts.Field.Business", L["Accounts.Business." + Tenant.BusinessType]),
        ("Accounts.Col.Contact", Tenant.ContactName),
        ("Accounts.Col.Mobile", Tenant.Mobile),
        ("Accounts.Field.MobileAlt", Tenant.MobileAlt ?? ""),
    ];

    private void StartEdit()
    {
        (_name, _nameEn, _unit, _area, _business, _contact, _mobile, _mobileAlt) =
            (Tenant.Name, Tenant.NameEn, Tenant.UnitNumber, Tenant.LeasedAreaM2, Tenant.BusinessType, Tenant.ContactName, Tenant.Mobile, Tenant.MobileAlt);
        _errors = new Dictionary<string, string>();
        _message = null;
        _editing = true;
    }

    private void Cancel() => _editing = false;

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? ErrorOf(string field) => _errors.TryGetValue(field, out var code) ? L["Accounts.Error." + code].Value : null;

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            var user = (await Authentication.GetAuthenticationStateAsync()).User;
            await Tenants.UpdateAsync(user, Tenant.Id, new TenantEdit(_name, _nameEn, _unit, _area, _business, _contact, _mobile, _mobileAlt),
                HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
            _editing = false;
            _message = L["Accounts.Saved"];
            _severity = Severity.Success;
            await Saved.InvokeAsync();
        }
        catch (AccountRefusedException e)
        {
            _errors = e.Errors;
            _message = L["Accounts.Error." + e.Code];
            _severity = Severity.Error;
        }
        catch (PermissionDeniedException)
        {
            _message = L["Cashier.Error.permission"];
            _severity = Severity.Error;
        }
        finally
        {
            _saving = false;
        }
    }
}
