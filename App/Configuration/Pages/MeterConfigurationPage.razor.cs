using Prepaid.App.Configuration;
namespace Prepaid.App.Configuration.Pages;

public partial class MeterConfigurationPage
{
    private IReadOnlyList<ConfiguredMeterRow> _rows = [];
    private IReadOnlyList<BusRow> _buses = [];
    private IReadOnlyList<ReferenceItem> _shafts = [], _tariffs = [], _accounts = [], _transformers = [];
    private MeterEdit _edit = new();
    private bool _editing;

    protected override bool Editing => _editing;
    private string? _search;

    protected override async Task LoadAsync()
    {
        _rows = await Query.MetersAsync(Actor);
        _buses = await Query.BusesAsync(Actor);
        (_shafts, _tariffs, _accounts, _transformers) = await Query.ReferencesAsync(Actor);
    }

    private static string BusText(BusRow bus) => $"{bus.Gateway} · {bus.PortNumber} · {bus.Name}";

    private bool Matches(ConfiguredMeterRow row) => string.IsNullOrWhiteSpace(_search)
        || row.Meter.Name.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || row.Meter.SerialNumber.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || row.Gateway.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
        || (row.Account?.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) ?? false);

    private void New()
    {
        ClearErrors();
        _edit = new MeterEdit { BusId = _buses.FirstOrDefault()?.Id ?? 0 };
        _editing = true;
    }

    private Action Edit(ConfiguredMeterRow row) => () =>
    {
        ClearErrors();
        _edit = MeterEdit.From(row.Meter);
        _editing = true;
    };

    private Func<Task> Delete(ConfiguredMeterRow row) => () => RunAsync(() => Service.DeleteMeterAsync(Actor, row.Meter.Id, Address));

    private void Cancel()
    {
        ClearErrors();
        _editing = false;
    }

    private async Task SaveAsync() => _editing = !await RunAsync(() => Service.SaveMeterAsync(Actor, _edit, Address));
}
