using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Prepaid.App.Accounts;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Accounts.Pages;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Pages;

/// <summary>An account's ledger, newest first, filtered by kind, method and site-local period, 25 entries a page;
/// a recharge can be sent for reversal (a Manager decides) unless the ledger would refuse it.</summary>
public partial class AccountLedger
{
    private const int PageSize = 25;
    private LedgerEntryKind? _kind;
    private PaymentMethod? _method;
    private DateTime? _from;
    private DateTime? _to;
    private int _pageNumber = 1;
    private LedgerPage _page = new([], 0, 0m);
    private LedgerEntry? _reversing;
    private string _reason = "";
    private string? _message;
    private string? _error;
    private IReadOnlyDictionary<long, string> _refusals = new Dictionary<long, string>();

    [Parameter, EditorRequired] public int AccountId { get; set; }
    [Parameter, EditorRequired] public TimeZoneInfo Zone { get; set; } = TimeZoneInfo.Utc;
    [Parameter] public bool CanRequestReversal { get; set; }

    [Inject] private AccountQueries Queries { get; set; } = default!;
    [Inject] private RefundService Refunds { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync()
    {
        var filter = new LedgerFilter(_kind, _method, ToDay(_from), ToDay(_to));
        _page = await Queries.LedgerAsync(AccountId, filter, (_pageNumber - 1) * PageSize, PageSize, CancellationToken.None);
        // The button is not offered where the ledger would refuse the reversal; the row says why instead.
        _refusals = CanRequestReversal
            ? await Refunds.ReversalRefusalsAsync([.. _page.Rows.Where(e => e.Kind == LedgerEntryKind.Recharge)], CancellationToken.None)
            : new Dictionary<long, string>();
    }

    private static DateOnly? ToDay(DateTime? value) => value is { } d ? DateOnly.FromDateTime(d) : null;

    private string Describe(LedgerEntry e) => LedgerDescriptions.Describe(e, _page.CauseNames, L, Zone);

    private int PageCount => Math.Max(1, (_page.Total + PageSize - 1) / PageSize);

    private string Summary => L["Accounts.LedgerSummary", _page.Total, Money(_page.Sum)];

    private Task OnKindChanged(LedgerEntryKind? value) => Filter(() => _kind = value);
    private Task OnMethodChanged(PaymentMethod? value) => Filter(() => _method = value);
    private Task OnFromChanged(DateTime? value) => Filter(() => _from = value);
    private Task OnToChanged(DateTime? value) => Filter(() => _to = value);

    private async Task Filter(Action apply)
    {
        apply();
        _pageNumber = 1;
        await LoadAsync();
    }

    private async Task OnPageChanged(int page)
    {
        _pageNumber = page;
        await LoadAsync();
    }

    private void StartReversal(LedgerEntry entry)
    {
        _reversing = entry;
        _reason = "";
        _message = _error = null;
    }

    private void CancelReversal() => _reversing = null;

    private async Task RequestReversalAsync()
    {
        if (_reversing is null)
        {
            return;
        }

        try
        {
            var user = (await Authentication.GetAuthenticationStateAsync()).User;
            var request = await Refunds.RequestReversalAsync(user, _reversing.IdempotencyKey, _reason,
                HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
            _message = L["Cashier.RequestSent", request.Id];
            _reversing = null;
            await LoadAsync();
        }
        catch (CashierRefusedException e)
        {
            _error = e.Localize(L);
        }
        catch (PermissionDeniedException)
        {
            _error = L["Cashier.Error.permission"];
        }
    }

    private string Time(DateTimeOffset at) => SiteTime.Format(at, Zone);

    private string MethodText(PaymentMethod? method) => method is { } m ? L["Cashier.Method." + m] : "";

    // Charges carry up to 4 decimals; show them rather than a rounded figure that would not add up.
    private static string Money(decimal value) => decimal.Round(value, 2) == value
        ? RechargePanel.Money(value)
        : (value < 0 ? "-¥" : "¥") + Math.Abs(value).ToString("#,0.0000", CultureInfo.InvariantCulture);
}
