using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Sharing;
using Prepaid.Domain.Billing;

namespace Prepaid.App.Sharing.Pages;

/// <summary>
/// Public-area sharing rules: key, tenants with their ratio or fee, pool meters, loss allowance. Saving goes through
/// <see cref="SharingRuleService.SaveAsync"/>, whose refusals (ratios not summing to exactly 1 ...) are shown as they are.
/// </summary>
public partial class SharingRulesPage
{
    [Inject] private SharingConfigurationQuery Query { get; set; } = default!;
    [Inject] private SharingRuleService Rules { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private IReadOnlyList<SharingRule> _rules = [];
    private IReadOnlyList<SharingRunRow> _runs = [];
    private IReadOnlyList<PoolMeterOption> _meters = [];
    private IReadOnlyList<SharingTenantRow> _tenants = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private RuleEdit? _edit;
    private string _tenantSearch = "";

    private sealed class RuleEdit
    {
        public int? Id { get; init; }
        public string Name { get; set; } = "";
        public SharingKey Key { get; set; } = SharingKey.FixedRatio;
        public decimal LossAllowanceRate { get; set; }
        public DateTime? From { get; set; }
        public bool Active { get; set; } = true;
        public IReadOnlyCollection<int> MeterIds { get; set; } = [];
        public List<TenantPick> Tenants { get; init; } = [];
    }

    private sealed class TenantPick
    {
        public int TenantId { get; init; }
        public string Unit { get; init; } = "";
        public string Name { get; init; } = "";
        public decimal Area { get; init; }
        public bool Included { get; set; }
        public decimal Value { get; set; }
    }

    protected override async Task LoadAsync()
    {
        _rules = await Query.SharingRulesAsync(Actor);
        _runs = await Query.SharingRunsAsync(Actor);
        _meters = await Query.PublicAreaMetersAsync(Actor);
        _tenants = await Query.TenantsAsync(Actor);
        _zone = await Query.ZoneAsync();
    }

    private string RowIcon => CanEdit ? Icons.Material.Filled.Edit : Icons.Material.Filled.Visibility;
    private string RowTitle => CanEdit ? Text["Config.Edit"] : Text["Tariffs.View"];
    private string EditorTitle => _edit?.Id is null ? Text["Sharing.New"] : Text["Sharing.Edit", _edit.Name];
    private string KeyHelp => _edit is null ? "" : Text["Sharing.KeyHelp." + _edit.Key];
    private bool HasKeyValues => _edit?.Key is SharingKey.FixedRatio or SharingKey.FixedFee;
    private string KeyValueLabel => _edit?.Key == SharingKey.FixedFee ? Text["Sharing.Fee"] : Text["Sharing.Ratio"];
    private int IncludedCount => _edit?.Tenants.Count(t => t.Included) ?? 0;
    private decimal RatioSum => _edit?.Tenants.Where(t => t.Included).Sum(t => t.Value) ?? 0m;
    private string RatioSumText => Text["Sharing.RatioSum", RatioSum.ToString("0.####", CultureInfo.InvariantCulture)];
    private Color SumColor => RatioSum == 1m ? Color.Success : Color.Warning;

    private IEnumerable<TenantPick> FilteredTenants => _edit is null ? []
        : string.IsNullOrWhiteSpace(_tenantSearch) ? _edit.Tenants.OrderByDescending(t => t.Included).ThenBy(t => t.Unit)
        : _edit.Tenants.Where(t => t.Unit.Contains(_tenantSearch.Trim(), StringComparison.OrdinalIgnoreCase) || t.Name.Contains(_tenantSearch.Trim(), StringComparison.OrdinalIgnoreCase));

    private string KeyText(SharingKey key) => Text["Sharing.Key." + key];
    private string YesNo(bool value) => Text[value ? "Sharing.Yes" : "Sharing.No"];
    private static string Percent(decimal rate) => (rate * 100m).ToString("0.##", CultureInfo.InvariantCulture) + " %";
    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
    private static string DateText(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private string RunState(SharingRunRow run) => run.Error is { } e ? e : Persistence.SiteTime.Format(run.CompletedAt, _zone);

    private string MetersText(IReadOnlyList<string> names) => Text["Sharing.MetersChosen", names.Count];

    private List<TenantPick> Picks(SharingRule? rule) => [.. _tenants.Select(t =>
    {
        var member = rule?.Tenants.FirstOrDefault(x => x.TenantId == t.TenantId);
        return new TenantPick { TenantId = t.TenantId, Unit = t.Unit, Name = t.Name, Area = t.LeasedAreaM2, Included = member is not null, Value = member?.KeyValue ?? 0m };
    })];

    private void New()
    {
        ClearErrors();
        var today = Persistence.SiteTime.Today(Time.GetUtcNow(), _zone);
        _edit = new RuleEdit { From = new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1), Tenants = Picks(null) };
    }

    private Action Open(SharingRule rule) => () =>
    {
        ClearErrors();
        _edit = new RuleEdit
        {
            Id = rule.Id, Name = rule.Name, Key = rule.Key, LossAllowanceRate = rule.LossAllowanceRate, From = rule.EffectiveFrom.ToDateTime(TimeOnly.MinValue),
            Active = rule.Active, MeterIds = [.. rule.Meters.Select(m => m.MeterId)], Tenants = Picks(rule),
        };
    };

    private void Close()
    {
        ClearErrors();
        _edit = null;
    }

    private async Task SaveAsync()
    {
        if (_edit is null) return;
        var siteId = await Query.SiteIdAsync();
        var draft = new SharingRuleDraft(_edit.Id, siteId, _edit.Name ?? "", _edit.Key, _edit.LossAllowanceRate,
            _edit.From is { } f ? DateOnly.FromDateTime(f) : default, _edit.Active,
            _edit.Tenants.Where(t => t.Included).ToDictionary(t => t.TenantId, t => t.Value), [.. _edit.MeterIds]);
        try
        {
            if (await RunAsync(() => Rules.SaveAsync(Actor, draft, Address, default)))
            {
                _edit = null;
            }
        }
        catch (BillingValidationException ex)
        {
            ShowErrors([.. ex.Issues.Select(Describe)]);
        }
    }
}
