using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Prepaid.App.Kernel.Validation;
using Prepaid.App.Configuration.Tariffs;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Localization;
using Prepaid.Domain.Security;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Configuration.Pages;

/// <summary>
/// A new tariff: code, name, commodity and its first version's plan in the shared plan editor, with a preview of the
/// first day. The service checks the permission, the code's uniqueness and the plan again and writes nothing on refusal.
/// </summary>
public partial class TariffCreateForm
{
    [Inject] private TariffConfigurationService Tariffs { get; set; } = default!;
    [Inject] private IStringLocalizer<Strings> Text { get; set; } = default!;

    [Parameter, EditorRequired] public ClaimsPrincipal Actor { get; set; } = default!;
    [Parameter] public string? Address { get; set; }
    [Parameter] public DateOnly Today { get; set; }
    [Parameter] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;
    [Parameter] public EventCallback<int> OnSaved { get; set; }
    [Parameter] public EventCallback OnCancel { get; set; }

    private readonly TariffDraft _draft = new();
    private string _code = "";
    private string _name = "";
    private Commodity _commodity = Commodity.Electricity;
    private DateTime? _validFrom;
    private decimal _constantLoad = 10m;
    private PreviewResult? _preview;
    private IReadOnlyList<string> _errors = [];
    private IReadOnlyList<string> _previewErrors = [];

    protected override void OnInitialized() => _validFrom = Today.ToDateTime(TimeOnly.MinValue);

    private DateOnly? ValidFrom => _validFrom is { } d ? DateOnly.FromDateTime(d) : null;
    private string ValidFromHelp => Text["Tariffs.FirstValidFromHelp", Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)];
    private string ConstantLabel => _commodity == Commodity.Water ? Text["Tariffs.PreviewConstantWater"] : Text["Tariffs.PreviewConstantLoad"];
    private string CommodityText(Commodity commodity) => Text["Tariffs.Commodity." + commodity];
    private string RateText(TouRate? rate) => rate is { } r ? Text["Tariffs.Rate." + r] : Text["Tariffs.AllHours"];
    private string TierText(int? tier) => tier is { } t ? Text["Tariffs.TierN", t + 1] : "";
    private static string Number(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
    private static string Money(decimal value) => value.ToString("0.0000", CultureInfo.InvariantCulture);

    private async Task SaveAsync()
    {
        _errors = [];
        try
        {
            var id = await Tariffs.CreateTariffAsync(Actor, _code, _name, _commodity, ValidFrom, _draft, Address);
            await OnSaved.InvokeAsync(id);
        }
        catch (ConfigurationValidationException ex)
        {
            _errors = [.. ex.Errors.Select(Describe)];
        }
        catch (PermissionDeniedException)
        {
            _errors = [Text["Account.Denied.Body"]];
        }
    }

    private void Preview()
    {
        _preview = null;
        var day = ValidFrom ?? Today;
        var (plan, errors) = _draft.ToPlan(_name, _commodity, day);
        var messages = errors.Select(Describe).ToList();
        if (plan is not null) messages.AddRange(plan.ValidateIssues().Select(i => ValidationText.Describe(Text, i)));
        if (_constantLoad < 0) messages.Add(Text["Tariffs.PreviewNegative"]);
        _previewErrors = messages;
        if (messages.Count == 0 && plan is not null)
        {
            _preview = TariffPreview.Price(plan, Zone, day, TariffPreview.Constant(_constantLoad));
        }
    }

    private string Describe(ConfigurationError error) => ValidationText.Describe(Text, error);
}
