using Prepaid.App.Configuration;
using Prepaid.Domain.Model;

namespace Prepaid.App.Configuration.Pages;

public partial class TenantConfigurationPage
{
    private IReadOnlyList<TenantRow> _rows = [];
    private TenantEdit _edit = new();
    private bool _editing;

    protected override bool Editing => _editing;
    private string? _search;

    protected override async Task LoadAsync() => _rows = await Query.TenantsAsync(Actor);

    private string BusinessText(BusinessType type) => Text["Config.Business." + type];

    private bool Matches(TenantRow row) => string.IsNullOrWhiteSpace(_search)
        || row.Tenant.UnitNumber.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || row.Tenant.Name.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || row.Tenant.NameEn.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || (row.AccountNumber?.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) ?? false);

    private void New()
    {
        ClearErrors();
        _edit = new TenantEdit();
        _editing = true;
    }

    private Action Edit(TenantRow row) => () =>
    {
        ClearErrors();
        _edit = ConfigurationService.TenantSnapshot(row.Tenant, row.AccountNumber);
        _editing = true;
    };

    private Func<Task> Delete(TenantRow row) => () => RunAsync(() => Service.DeleteTenantAsync(Actor, row.Tenant.Id, Address));

    private void Cancel()
    {
        ClearErrors();
        _editing = false;
    }

    private async Task SaveAsync() => _editing = !await RunAsync(() => Service.SaveTenantAsync(Actor, _edit, Address));
}
