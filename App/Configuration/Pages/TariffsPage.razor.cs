using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Prepaid.App.Configuration;
using Prepaid.App.Configuration.Tariffs;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Configuration.Pages;

/// <summary>
/// Tariffs and their versions. A version is shown read-only; an editor starts a new version from the one in force and
/// saves it with a later valid-from (the service refuses anything else). The preview prices a sample day of the plan
/// on screen with the tariff engine, saved or not.
/// </summary>
public partial class TariffsPage
{
    [Inject] private TariffConfigurationService Tariffs { get; set; } = default!;

    private IReadOnlyList<TariffRow> _tariffs = [];
    private TariffRow? _selected;
    private IReadOnlyList<TariffVersionRow> _versions = [];
    private TariffVersionRow? _viewed;
    private TariffDraft? _draft;
    private bool _creating;
    private bool _newTariff;
    private DateTime? _validFrom;
    private DateOnly _today;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    private DateTime? _previewDay;
    private bool _hourlyProfile;
    private decimal _constantLoad = 10m;
    private string _hourlyText = "";
    private decimal _usedBefore;
    private PreviewResult? _preview;
    private IReadOnlyList<string> _previewErrors = [];

    protected override async Task LoadAsync()
    {
        _tariffs = await Tariffs.ListAsync(Actor);
        _today = await Tariffs.TodayAsync();
        _zone = await Tariffs.ZoneAsync();
        if (_selected is not null)
        {
            _selected = _tariffs.FirstOrDefault(t => t.Id == _selected.Id);
            _versions = _selected is null ? [] : await Tariffs.VersionsAsync(Actor, _selected.Id);
        }
    }

    private string Unit => _selected?.Commodity == Commodity.Water ? "m³" : "kWh";
    private string EditorTitle => _creating ? Text["Tariffs.NewVersion"] : Text["Tariffs.VersionFrom", DateText(_viewed?.ValidFrom)];
    private string ValidFromHelp => Text["Tariffs.ValidFromHelp", DateText(_today)];
    private string HourlyLabel => Text["Tariffs.PreviewHourlyLabel", Unit];
    private string ConstantLabel => _selected?.Commodity == Commodity.Water ? Text["Tariffs.PreviewConstantWater"] : Text["Tariffs.PreviewConstantLoad"];
    private string UsedBeforeLabel => Text["Tariffs.PreviewUsedBefore", Unit];
    private string PreviewUnitPriceLabel => Text["Tariffs.UnitPrice", Unit];
    private string PreviewQuantityLabel => Text["Tariffs.Quantity", Unit];

    private string CommodityText(Commodity commodity) => Text["Tariffs.Commodity." + commodity];
    private string KindText(PricingKind? kind) => kind is { } k ? Text["Tariffs.Kind." + k] : "";
    private string RateText(TouRate? rate) => rate is { } r ? Text["Tariffs.Rate." + r] : Text["Tariffs.AllHours"];
    private string TierText(int? tier) => tier is { } t ? Text["Tariffs.TierN", t + 1] : "";
    private static string DateText(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    private string TimeText(DateTimeOffset at) => Persistence.SiteTime.Format(at, _zone);
    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
    private static string Money(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private static Color StateColor(TariffVersionState state) => state switch
    {
        TariffVersionState.InForce => Color.Success,
        TariffVersionState.Scheduled => Color.Info,
        _ => Color.Default,
    };

    private Variant SelectVariant(TariffRow row) => row.Id == _selected?.Id ? Variant.Filled : Variant.Text;

    private Func<Task> Select(TariffRow row) => async () =>
    {
        ClearErrors();
        _selected = row;
        _versions = await Tariffs.VersionsAsync(Actor, row.Id);
        var current = _versions.FirstOrDefault(v => v.State == TariffVersionState.InForce) ?? _versions.FirstOrDefault();
        if (current is null)
        {
            _draft = null;
            _viewed = null;
        }
        else
        {
            ShowVersion(current);
        }
    };

    private Action View(TariffVersionRow version) => () =>
    {
        ClearErrors();
        ShowVersion(version);
    };

    private void ShowVersion(TariffVersionRow version)
    {
        _viewed = version;
        _creating = false;
        _draft = TariffDraft.From(version.Plan);
        _previewDay = ToDateTime(version.State == TariffVersionState.InForce ? _today : version.ValidFrom);
        _preview = null;
        _previewErrors = [];
    }

    private void NewVersion()
    {
        ClearErrors();
        var basis = _versions.FirstOrDefault(v => v.State == TariffVersionState.Scheduled)
            ?? _versions.FirstOrDefault(v => v.State == TariffVersionState.InForce) ?? _versions.FirstOrDefault();
        _draft = basis is null ? new TariffDraft() : TariffDraft.From(basis.Plan);
        _draft.EnsureParts();
        _creating = true;
        _viewed = null;
        _validFrom = ToDateTime(_today.AddDays(1));
        _previewDay = _validFrom;
        _preview = null;
        _previewErrors = [];
    }

    private void NewTariff()
    {
        ClearErrors();
        _selected = null;
        _draft = null;
        _viewed = null;
        _versions = [];
        _newTariff = true;
    }

    private void CancelNewTariff() => _newTariff = false;

    private async Task TariffCreatedAsync(int id)
    {
        _newTariff = false;
        await LoadAsync();
        if (_tariffs.FirstOrDefault(t => t.Id == id) is { } created) await Select(created)();
    }

    private void CancelEdit()
    {
        ClearErrors();
        var current = _versions.FirstOrDefault(v => v.State == TariffVersionState.InForce) ?? _versions.FirstOrDefault();
        if (current is null) _draft = null;
        else ShowVersion(current);
    }

    private async Task SaveAsync()
    {
        if (_selected is null || _draft is null) return;
        var draft = _draft;
        var validFrom = _validFrom is { } d ? DateOnly.FromDateTime(d) : (DateOnly?)null;
        int id = 0;
        if (await RunAsync(async () => id = await Tariffs.SaveVersionAsync(Actor, _selected.Id, validFrom, draft, Address)))
        {
            var saved = _versions.FirstOrDefault(v => v.Id == id);
            if (saved is not null) ShowVersion(saved);
        }
    }

    private Func<Task> Withdraw(TariffVersionRow version) => async () =>
    {
        if (await RunAsync(() => Tariffs.DeleteScheduledVersionAsync(Actor, version.Id, Address)))
        {
            CancelEdit();
        }
    };

    private void Preview()
    {
        _preview = null;
        _previewErrors = [];
        if (_selected is null || _draft is null) return;
        var day = _previewDay is { } p ? DateOnly.FromDateTime(p) : _today;
        var (plan, errors) = _draft.ToPlan(_selected.Name, _selected.Commodity, day);
        var messages = errors.Select(Describe).ToList();
        if (plan is not null) messages.AddRange(plan.ValidateIssues().Select(Describe));
        var hourly = _hourlyProfile ? ReadHourly(messages) : TariffPreview.Constant(_constantLoad);
        if (_constantLoad < 0 || _usedBefore < 0) messages.Add(Text["Tariffs.PreviewNegative"]);
        if (messages.Count > 0 || plan is null || hourly is null)
        {
            _previewErrors = messages;
            return;
        }

        _preview = TariffPreview.Price(plan, _zone, day, hourly, _draft.HasTiers ? _usedBefore : 0m);
    }

    private decimal[]? ReadHourly(List<string> messages)
    {
        var parts = _hourlyText.Split([',', ';', ' ', '\n', '\r', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != TariffPreview.Hours)
        {
            messages.Add(Text["Tariffs.PreviewHourlyCount", TariffPreview.Hours, parts.Length]);
            return null;
        }

        var values = new decimal[TariffPreview.Hours];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!decimal.TryParse(parts[i], NumberStyles.Number, CultureInfo.InvariantCulture, out values[i]) || values[i] < 0)
            {
                messages.Add(Text["Tariffs.PreviewHourlyValue", i, parts[i]]);
                return null;
            }
        }

        return values;
    }

    private static DateTime ToDateTime(DateOnly day) => day.ToDateTime(TimeOnly.MinValue);
}
