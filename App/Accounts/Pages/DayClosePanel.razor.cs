using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Pages;

/// <summary>The signed-in cashier's day: every movement, totals by method, and the close.</summary>
public partial class DayClosePanel
{
    private DaySummary? _summary;
    private ClaimsPrincipal _user = new();
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;
    private bool _confirming;
    private bool _running;
    private string? _error;

    [Inject] private DayCloseService DayClose { get; set; } = default!;
    [Inject] private RefundRequestQuery Requests { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        _zone = await Requests.ZoneAsync(CancellationToken.None);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var day = await DayClose.TodayAsync(CancellationToken.None);
        _summary = await DayClose.SummaryAsync(_user.Identity?.Name ?? "", day, CancellationToken.None);
    }

    private IEnumerable<(string Key, decimal Value, string TestId)> Totals => _summary is not { } s ? [] :
    [
        ("Cashier.Method.Cash", s.RechargeTotal(PaymentMethod.Cash), "total-cash"),
        ("Cashier.Method.BankCard", s.RechargeTotal(PaymentMethod.BankCard), "total-bankcard"),
        ("Cashier.Method.Transfer", s.RechargeTotal(PaymentMethod.Transfer), "total-transfer"),
        ("Cashier.Kind.Refund", s.RefundTotal, "total-refund"),
        ("Cashier.Kind.Reversal", s.ReversalTotal, "total-reversal"),
        ("Cashier.Net", s.Net, "total-net"),
    ];

    private void Confirm() => _confirming = true;

    private void Cancel() => _confirming = false;

    private async Task CloseAsync()
    {
        if (_summary is null)
        {
            return;
        }

        _running = true;
        _error = null;
        try
        {
            await DayClose.CloseAsync(_user, _summary.Day, HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
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
            _confirming = false;
        }

        await LoadAsync();
    }

    private string MethodText(PaymentMethod? method) => method is { } m ? L["Cashier.Method." + m] : "";

    private string Time(DateTimeOffset? at) => SiteTime.Format(at, _zone);
}
