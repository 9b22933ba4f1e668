using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Prepaid.App.Accounts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Pages;

/// <summary>
/// The desk: find an account, take a recharge (the order key is made when the account is picked, so a second click
/// or a retry returns the same receipt), print or download the receipt, ask for a refund.
/// </summary>
public partial class RechargePanel
{
    private string? _search;
    private IReadOnlyList<AccountRow> _results = [];
    private AccountRow? _account;
    private decimal _balance;
    private decimal? _amount;
    private PaymentMethod _method = PaymentMethod.Cash;
    private string _orderKey = "";
    private Receipt? _receipt;
    private IReadOnlyList<(string Key, string Value)> _split = [];
    private decimal? _water;
    private bool _choiceNotApplied;

    private static readonly HashSet<string> SplitKeys = ["Cashier.Receipt.ToOwed", "Cashier.Receipt.ToMeter", "Cashier.Receipt.Split",
        "Cashier.Receipt.OwedAfter", "Cashier.Receipt.HeldAfter", "Cashier.Receipt.BalanceAfter"];
    private string? _error;
    private bool _running;
    private decimal? _refundAmount;
    private PaymentMethod _refundMethod = PaymentMethod.Cash;
    private string _refundReason = "";
    private string? _refundResult;
    private Severity _refundSeverity;
    private ClaimsPrincipal _user = new();

    [Inject] private AccountDirectory Directory { get; set; } = default!;
    [Inject] private RechargeService Recharges { get; set; } = default!;
    [Inject] private RefundService Refunds { get; set; } = default!;
    [Inject] private LedgerService Ledger { get; set; } = default!;
    [Inject] private AccountQueries Queries { get; set; } = default!;
    [Inject] private ReceiptQuery ReceiptQuery { get; set; } = default!;
    private IReadOnlyList<AccountMeter> _meters = [];
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private TimeZoneInfo _resultsZone = TimeZoneInfo.Utc;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    private static IReadOnlyList<PaymentMethod> DeskMethods => DeskRules.DeskMethods;

    protected override async Task OnInitializedAsync() => _user = (await Authentication.GetAuthenticationStateAsync()).User;

    private async Task OnSearchChanged(string? text)
    {
        _search = text;
        if (string.IsNullOrWhiteSpace(text))
        {
            _results = [];
            return;
        }

        var page = await Directory.SearchAsync(text, false, 0, 8, CancellationToken.None);
        (_results, _resultsZone) = (page.Rows, page.SiteZone);
    }

    private async Task SelectAsync(AccountRow row)
    {
        _account = row;
        await LoadBalancesAsync(row.AccountId);
        _refundResult = null;
        NewOrder();
    }

    /// <summary>The ledger balance and, for meters that bill themselves, what each meter holds.</summary>
    private async Task LoadBalancesAsync(int accountId)
    {
        if (await Queries.DetailsAsync(accountId, CancellationToken.None) is { } details)
        {
            (_balance, _meters, _zone) = (details.Balance, details.Meters, details.Zone);
        }
        else
        {
            (_balance, _meters) = (await Ledger.BalanceAsync(accountId, CancellationToken.None), []);
        }
    }

    private string BalanceLabel => Prepaid.App.Accounts.Pages.MeterHeldBalances.AppliesTo(_meters) ? L["Accounts.LedgerBalance"] : L["Cashier.Balance"];

    /// <summary>Opens a fresh recharge form: a new order key, nothing paid yet.</summary>
    private void NewOrder()
    {
        _orderKey = RechargeService.NewOrderKey();
        _receipt = null;
        _split = [];
        (_water, _choiceNotApplied) = (null, false);
        _amount = null;
        _error = null;
    }

    /// <summary>A new amount is previewed with the rule's split (the preview forgets the cashier's water amount too).</summary>
    private void OnAmountChanged(decimal? amount) => (_amount, _water) = (amount, null);

    /// <summary>The water amount the preview accepted within the split rule's limits; sent with the payment.</summary>
    private void OnWaterChanged(decimal? water) => _water = water;

    private async Task RechargeAsync()
    {
        if (_account is null || _amount is not { } amount || _running)
        {
            return;
        }

        _running = true;
        _error = null;
        try
        {
            var outcome = await Recharges.RechargeAsync(_user, _account.AccountId, amount, _method, _orderKey, Address, CancellationToken.None, _water);
            _receipt = outcome.Receipt;
            _balance = outcome.BalanceAfter;
            // Where the money went, as the receipt prints it, and the balances after the meters' parts left the ledger.
            var view = await ReceiptQuery.FindAsync(outcome.Receipt.Number, CancellationToken.None);
            _split = view is null ? [] : [.. ReceiptHtml.Rows(view, L).Where(r => SplitKeys.Contains(r.Key))];
            // The receipt prints what was planned; say so when that is not the water amount the cashier named.
            _choiceNotApplied = view is { Planned: true } && outcome.Receipt.ChosenWaterAmount is { } chosen
                && view.MeterParts.Where(p => p.Kind == MeterKind.Water).Sum(p => p.Amount) != chosen;
            await LoadBalancesAsync(_account.AccountId);
            await OnSearchChanged(_search);
        }
        catch (CashierRefusedException e)
        {
            _error = e.Localize(L);
        }
        catch (PermissionDeniedException)
        {
            _error = L["Cashier.Error.permission"];
        }
        finally
        {
            _running = false;
        }
    }

    private async Task RequestRefundAsync()
    {
        if (_account is null || _refundAmount is not { } amount || _running)
        {
            return;
        }

        _running = true;
        try
        {
            var request = await Refunds.RequestRefundAsync(_user, _account.AccountId, amount, _refundMethod, _refundReason, Address, CancellationToken.None);
            _refundResult = L["Cashier.RequestSent", request.Id];
            _refundSeverity = Severity.Success;
            _refundAmount = null;
            _refundReason = "";
        }
        catch (CashierRefusedException e)
        {
            _refundResult = e.Localize(L);
            _refundSeverity = Severity.Error;
        }
        catch (PermissionDeniedException)
        {
            _refundResult = L["Cashier.Error.permission"];
            _refundSeverity = Severity.Error;
        }
        finally
        {
            _running = false;
        }
    }

    private string? Address => HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private string ReceiptUrl(bool download) => $"cashier/receipts/{Uri.EscapeDataString(_receipt!.Number)}" + (download ? "?download=true" : "");

    private static string TenantName(AccountRow row) =>
        CultureInfo.CurrentUICulture.Name.StartsWith("zh", StringComparison.Ordinal) ? row.TenantName : row.TenantNameEn;

    internal static string Money(decimal value) => Prepaid.App.Kernel.Localization.YuanText.Format(value);
}
