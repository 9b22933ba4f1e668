using System.Globalization;
using Microsoft.AspNetCore.Components;
using Prepaid.App.Fees;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Fees.Pages;

/// <summary>Each tenant's property fee (fixed or per m²), set one at a time or for a business type; the last runs read-only.</summary>
public partial class PropertyFeesPage
{
    [Inject] private FeeConfigurationQuery Fees { get; set; } = default!;
    [Inject] private PropertyFeeSettings Settings { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private IReadOnlyList<TenantFeeRow> _rows = [];
    private IReadOnlyList<FeeRunRow> _runs = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private string _search = "";
    private bool _editing;
    private TenantFeeRow? _editRow;
    private FeeEdit _edit = new();
    private FeeEdit _bulk = new();
    private BusinessType _bulkType = BusinessType.Retail;
    private string? _done;

    protected override bool Editing => _editing;

    private sealed class FeeEdit
    {
        public PropertyFeeBasis Basis { get; set; } = PropertyFeeBasis.PerSquareMetre;
        public decimal Rate { get; set; }
        public DateTime? From { get; set; }
    }

    protected override async Task LoadAsync()
    {
        _rows = await Fees.TenantFeesAsync(Actor);
        _runs = await Fees.FeeRunsAsync(Actor);
        _zone = await Fees.ZoneAsync();
        _bulk.From ??= NextMonth();
    }

    private IEnumerable<TenantFeeRow> Filtered => string.IsNullOrWhiteSpace(_search)
        ? _rows
        : _rows.Where(r => r.Unit.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) || r.Name.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
            || r.NameEn.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    private int Configured => _rows.Count(r => r.Basis is not null);
    private string EditTitle => Text["Fees.EditTitle", _editRow?.Unit ?? "", _editRow?.Name ?? ""];

    private string TypeText(BusinessType type) => Text["Config.Business." + type];
    private string BasisText(PropertyFeeBasis? basis) => basis is { } b ? Text["Fees.Basis." + b] : Text["Fees.NotSet"];
    private string RateLabel(PropertyFeeBasis basis) => Text["Fees.RateOf." + basis];
    private static string Number(decimal? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";
    private static string Money(decimal? value) => value?.ToString("0.00", CultureInfo.InvariantCulture) ?? "";
    private static string DateText(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    private static string MonthText(DateOnly month) => month.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    private string TimeText(DateTimeOffset? at) => Persistence.SiteTime.Format(at, _zone);

    private DateTime NextMonth()
    {
        var today = Persistence.SiteTime.Today(Time.GetUtcNow(), _zone);
        return new DateTime(today.Year, today.Month, 1, 0, 0, 0, DateTimeKind.Unspecified).AddMonths(1);
    }

    private Action Edit(TenantFeeRow row) => () =>
    {
        ClearErrors();
        _done = null;
        _editRow = row;
        _edit = new FeeEdit
        {
            Basis = row.Basis ?? PropertyFeeBasis.PerSquareMetre, Rate = row.Rate ?? 0m,
            From = row.EffectiveFrom is { } f ? f.ToDateTime(TimeOnly.MinValue) : NextMonth(),
        };
        _editing = true;
    };

    private void Cancel()
    {
        ClearErrors();
        _editing = false;
    }

    private async Task SaveAsync()
    {
        if (_editRow is null) return;
        var row = _editRow;
        _editing = !await RunBillingAsync(() => Settings.SetAsync(Actor, row.TenantId, _edit.Basis, _edit.Rate, ToDate(_edit.From), Address, default));
    }

    private async Task ApplyBulkAsync()
    {
        _done = null;
        var count = 0;
        if (await RunBillingAsync(async () => count = await Fees.SetForBusinessTypeAsync(Actor, _bulkType, _bulk.Basis, _bulk.Rate, ToDate(_bulk.From), Address)))
        {
            _done = Text["Fees.BulkDone", count, TypeText(_bulkType)];
        }
    }

    // The billing services refuse with coded rules; each is shown in the page's language.
    private async Task<bool> RunBillingAsync(Func<Task> change)
    {
        try
        {
            return await RunAsync(change);
        }
        catch (BillingValidationException ex)
        {
            ShowErrors([.. ex.Issues.Select(Describe)]);
            return false;
        }
    }

    private static DateOnly ToDate(DateTime? value) => value is { } d ? DateOnly.FromDateTime(d) : default;
}
