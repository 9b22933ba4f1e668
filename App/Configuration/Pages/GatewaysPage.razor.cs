using Prepaid.App.Configuration;
using Prepaid.Domain.Model;

namespace Prepaid.App.Configuration.Pages;

public partial class GatewaysPage
{
    private IReadOnlyList<GatewayRow> _rows = [];
    private IReadOnlyList<Shaft> _shafts = [];
    private GatewayEdit _edit = new();
    private bool _editing;

    protected override bool Editing => _editing;

    protected override async Task LoadAsync()
    {
        _rows = await Query.GatewaysAsync(Actor);
        _shafts = await Query.ShaftsAsync(Actor);
    }

    private string YesNo(bool value) => Text[value ? "Config.Yes" : "Config.No"];

    private void New()
    {
        ClearErrors();
        _edit = new GatewayEdit { Host = "127.0.0.1" };
        _editing = true;
    }

    private Action Edit(GatewayRow row) => () =>
    {
        ClearErrors();
        _edit = new GatewayEdit { Id = row.Id, Name = row.Name, Host = row.Host, Framing = row.Framing, ShaftId = row.ShaftId, Enabled = row.Enabled };
        _editing = true;
    };

    private Func<Task> Delete(GatewayRow row) => () => RunAsync(() => Service.DeleteGatewayAsync(Actor, row.Id, Address));

    private void Cancel()
    {
        ClearErrors();
        _editing = false;
    }

    private async Task SaveAsync() => _editing = !await RunAsync(() => Service.SaveGatewayAsync(Actor, _edit, Address));
}
