using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Options;
using Prepaid.App.Configuration.Defaults;
using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Model;

namespace Prepaid.App.Configuration.Pages;

/// <summary>
/// Default parameters where they live: the site's hoarding limit, the alarm amounts and overdraft of all or selected
/// open accounts; the power limit (per meter) and the reading period (host settings) are pointed to, not duplicated.
/// </summary>
public partial class DefaultsPage
{
    [Inject] private SiteDefaultsService Defaults { get; set; } = default!;
    [Inject] private IAcquisitionAccess Acquisition { get; set; } = default!;

    private decimal? _hoarding;
    private IReadOnlyList<AccountLimitRow> _accounts = [];
    private HashSet<AccountLimitRow> _selected = [];
    private decimal? _alarm1;
    private decimal? _alarm2;
    private decimal? _overdraft;
    private decimal _newAlarm1;
    private decimal _newAlarm2;
    private decimal _newOverdraft;
    private string _search = "";
    private string? _done;

    protected override async Task LoadAsync()
    {
        _hoarding = await Defaults.HoardingLimitAsync(Actor);
        (_newAlarm1, _newAlarm2, _newOverdraft) = await Defaults.NewAccountDefaultsAsync(Actor);
        _accounts = await Defaults.OpenAccountsAsync(Actor);
        var ids = _selected.Select(s => s.AccountId).ToHashSet();
        _selected = [.. _accounts.Where(a => ids.Contains(a.AccountId))];
    }

    private IEnumerable<AccountLimitRow> Filtered => string.IsNullOrWhiteSpace(_search)
        ? _accounts
        : _accounts.Where(a => a.Unit.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase) || a.Tenant.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase)
            || a.Number.Contains(_search.Trim(), StringComparison.OrdinalIgnoreCase));

    private string ApplySelectedText => Text["Defaults.ApplySelected", _selected.Count];
    private string ApplyAllText => Text["Defaults.ApplyAll", _accounts.Count];
    private string ReadingPeriodText => Text["Defaults.ReadingPeriod", Seconds(Acquisition.FastPeriod), Seconds(Acquisition.FullPeriod)];
    private string TypeText(AccountLimitRow row) => Text["Config.Business." + row.BusinessType];
    private static string Money(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
    private static string Seconds(TimeSpan period) => period.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private async Task SaveHoardingAsync()
    {
        _done = null;
        if (await RunAsync(() => Defaults.SetHoardingLimitAsync(Actor, _hoarding, Address)))
        {
            _done = Text["Defaults.HoardingSaved"];
        }
    }

    private async Task SaveNewAccountDefaultsAsync()
    {
        _done = null;
        if (await RunAsync(() => Defaults.SetNewAccountDefaultsAsync(Actor, new AccountDefaults(_newAlarm1, _newAlarm2, _newOverdraft), Address)))
        {
            _done = Text["Defaults.NewAccountsSaved"];
        }
    }

    private Task ApplyToSelectedAsync() => ApplyAsync([.. _selected.Select(s => s.AccountId)]);

    private Task ApplyToAllAsync() => ApplyAsync([.. _accounts.Select(a => a.AccountId)]);

    private async Task ApplyAsync(IReadOnlyCollection<int> ids)
    {
        _done = null;
        var count = 0;
        if (await RunAsync(async () => count = await Defaults.ApplyToAccountsAsync(Actor, ids, new AccountLimits(_alarm1, _alarm2, _overdraft), Address)))
        {
            _done = Text["Defaults.Applied", count];
        }
    }
}
