using Prepaid.App.Configuration;
using Prepaid.Domain.Model;

namespace Prepaid.App.Configuration.Pages;

public partial class BusesPage
{
    private IReadOnlyList<BusRow> _rows = [];
    private IReadOnlyList<GatewayRow> _gateways = [];
    private BusEdit _edit = new();
    private bool _editing;

    protected override bool Editing => _editing;

    protected override async Task LoadAsync()
    {
        _rows = await Query.BusesAsync(Actor);
        _gateways = await Query.GatewaysAsync(Actor);
    }

    private string ParityText(SerialParity parity) => Text["Config.Parity." + parity];

    private void New()
    {
        ClearErrors();
        _edit = new BusEdit { GatewayId = _gateways.FirstOrDefault()?.Id ?? 0 };
        _editing = true;
    }

    private Action Edit(BusRow row) => () =>
    {
        ClearErrors();
        _edit = new BusEdit
        {
            Id = row.Id, GatewayId = row.GatewayId, PortNumber = row.PortNumber, TcpPort = row.TcpPort, Name = row.Name,
            BaudRate = row.BaudRate, Parity = row.Parity, ResponseTimeoutMs = row.ResponseTimeoutMs,
        };
        _editing = true;
    };

    private Func<Task> Delete(BusRow row) => () => RunAsync(() => Service.DeleteBusAsync(Actor, row.Id, Address));

    private void Cancel()
    {
        ClearErrors();
        _editing = false;
    }

    private async Task SaveAsync() => _editing = !await RunAsync(() => Service.SaveBusAsync(Actor, _edit, Address));
}
