using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Meters;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.App.Kernel.Ui;

namespace Prepaid.App.Meters.Pages;

public partial class MetersPage : IDisposable
{
    private static readonly int[] PageSizes = [25, 50, 100, 200];

    // Grid columns sort by the row's property name; this maps them to the query's sortable columns.
    private static readonly Dictionary<string, MeterSortColumn> SortColumns = new()
    {
        [nameof(MeterRow.Name)] = MeterSortColumn.Name,
        [nameof(MeterRow.SerialNumber)] = MeterSortColumn.SerialNumber,
        [nameof(MeterRow.ShaftCode)] = MeterSortColumn.Shaft,
        [nameof(MeterRow.BusName)] = MeterSortColumn.Bus,
        [nameof(MeterRow.UnitId)] = MeterSortColumn.UnitId,
        [nameof(MeterRow.Kind)] = MeterSortColumn.Kind,
        [nameof(MeterRow.Role)] = MeterSortColumn.Role,
        [nameof(MeterRow.BillingMode)] = MeterSortColumn.BillingMode,
        [nameof(MeterRow.TenantName)] = MeterSortColumn.Tenant,
        [nameof(MeterRow.UnitNumber)] = MeterSortColumn.UnitNumber,
    };

    private MudDataGrid<MeterRow>? _grid;
    private IReadOnlyList<(int Id, string Code)> _shafts = [];
    private int _total;
    private string? _search;
    private int? _shaftId;
    private MeterKind? _kind;
    private MeterRole? _role;
    private BillingMode? _billingMode;

    private Dictionary<int, MeterSnapshot?> _live = [];
    private IDisposable? _subscription;

    [Inject] private MeterListQuery Query { get; set; } = default!;
    [Inject] private LiveStateCache Cache { get; set; } = default!;
    [Inject] private LiveStateNotifier Notifier { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;
    [Inject] private IDbContextFactory<PrepaidDb> DbFactory { get; set; } = default!;

    /// <summary>Pre-selects a shaft, as linked from the overview page.</summary>
    [SupplyParameterFromQuery(Name = "shaft")] public int? ShaftFromQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        _shaftId = ShaftFromQuery;
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        _subscription = Notifier.Subscribe(OnLiveChangedAsync);
        await using var db = await DbFactory.CreateDbContextAsync();
        _shafts = (await db.Shafts.OrderBy(s => s.Code).Select(s => new { s.Id, s.Code }).ToListAsync())
            .Select(s => (s.Id, s.Code)).ToList();
    }

    private async Task<GridData<MeterRow>> LoadAsync(GridState<MeterRow> state, CancellationToken cancellationToken)
    {
        var sort = state.SortDefinitions.FirstOrDefault();
        var column = sort is not null && SortColumns.TryGetValue(sort.SortBy, out var c) ? c : MeterSortColumn.Name;
        var request = new MeterListRequest(
            new MeterFilter(_shaftId, _kind, _role, _billingMode, _search),
            state.Page,
            state.PageSize,
            column,
            sort?.Descending ?? false);
        var page = await Query.GetPageAsync(request, cancellationToken);
        _total = page.Total;
        var live = new Dictionary<int, MeterSnapshot?>(page.Rows.Count);
        foreach (var row in page.Rows)
        {
            live[row.Id] = await Cache.GetAsync(row.Id, cancellationToken);
        }

        _live = live;
        return new GridData<MeterRow> { Items = page.Rows, TotalItems = page.Total };
    }

    /// <summary>Refreshes only the rows on screen, at the notifier's pace (twice a second at most).</summary>
    private async Task OnLiveChangedAsync(IReadOnlySet<int> changed)
    {
        var visible = _live;
        var hits = changed.Where(visible.ContainsKey).ToList();
        if (hits.Count == 0)
        {
            return;
        }

        var updated = new Dictionary<int, MeterSnapshot?>(visible);
        foreach (var id in hits)
        {
            updated[id] = await Cache.GetAsync(id, CancellationToken.None);
        }

        _live = updated;
        await InvokeAsync(StateHasChanged);
    }

    private MeterSnapshot? Live(int meterId) => _live.GetValueOrDefault(meterId);

    private ValueQuality QualityOf(int meterId) => MeterSnapshot.StatusOf(Live(meterId)).QualityAt(Time.GetUtcNow());

    private static Color QualityColor(ValueQuality quality) => quality switch
    {
        ValueQuality.Good => Color.Default,
        ValueQuality.Stale => Color.Warning,
        _ => Color.Error,
    };

    private string? SupplyText(int meterId) => Live(meterId)?.SupplyOn switch
    {
        true => L["Meters.Supply.On"].Value,
        false => L["Meters.Supply.Off"].Value,
        null => null,
    };

    public void Dispose() => _subscription?.Dispose();

    private Task OnSearchChanged(string? value) => Reload(() => _search = value);
    private Task OnShaftChanged(int? value) => Reload(() => _shaftId = value);
    private Task OnKindChanged(MeterKind? value) => Reload(() => _kind = value);
    private Task OnRoleChanged(MeterRole? value) => Reload(() => _role = value);
    private Task OnBillingModeChanged(BillingMode? value) => Reload(() => _billingMode = value);

    private async Task Reload(Action apply)
    {
        apply();
        if (_grid is not null)
        {
            await _grid.ReloadServerData();
        }
    }

    private string RoleText(MeterRow row) =>
        row.PublicLoad is { } load ? $"{L.Enum(row.Role)} · {L.Enum(load)}" : L.Enum(row.Role);

    private string? TenantText(MeterRow row) =>
        System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal)
            ? row.TenantName
            : row.TenantNameEn;
}
