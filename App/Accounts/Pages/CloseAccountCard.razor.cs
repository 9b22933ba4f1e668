using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Prepaid.App.Accounts;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Accounts.Pages;
using Prepaid.App.Kernel.Security;
using Prepaid.Domain.Model;

namespace Prepaid.App.Accounts.Pages;

/// <summary>Closing an account: final readings from the live state, then closed at once (zero balance) or a refund
/// of the balance sent for a Manager's approval, which closes it.</summary>
public partial class CloseAccountCard
{
    private bool _confirming;
    private bool _running;
    private PaymentMethod _method = PaymentMethod.Transfer;
    private string _reason = "";
    private string? _message;
    private Severity _severity;

    [Parameter, EditorRequired] public int AccountId { get; set; }
    [Parameter] public decimal Balance { get; set; }
    [Parameter] public EventCallback Closed { get; set; }

    [Inject] private AccountLifecycle Lifecycle { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    private static IReadOnlyList<PaymentMethod> Methods => DeskRules.DeskMethods;

    private string Money => RechargePanel.Money(Balance);

    /// <summary>What closing will do for this balance: a refund for Manager approval, an immediate close, or nothing
    /// until the arrears are paid (the lifecycle refuses a close in arrears).</summary>
    private string Hint => Balance switch
    {
        > 0 => L["Accounts.CloseHint", Money],
        0 => L["Accounts.CloseHintZero"],
        _ => L["Accounts.CloseHintArrears", Money],
    };

    private bool InArrears => Balance < 0;

    private bool NeedsRefund => Balance > 0;

    private void Start() => _confirming = true;

    private void Cancel() => _confirming = false;

    private async Task CloseAsync()
    {
        _running = true;
        try
        {
            var user = (await Authentication.GetAuthenticationStateAsync()).User;
            var outcome = await Lifecycle.CloseAsync(user, AccountId, _method, _reason, HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
            _message = outcome.ClosedNow ? L["Accounts.ClosedNow"] : L["Accounts.ClosingRequested", outcome.Refund!.Id, RechargePanel.Money(outcome.Balance)];
            _severity = Severity.Success;
            _confirming = false;
            await Closed.InvokeAsync();
        }
        catch (AccountRefusedException e)
        {
            // Codes of the refund request it makes come from the cashier's vocabulary.
            var text = L["Accounts.Error." + e.Code];
            _message = text.ResourceNotFound ? L["Cashier.Error." + e.Code] : text;
            _severity = Severity.Error;
        }
        catch (PermissionDeniedException)
        {
            _message = L["Cashier.Error.permission"];
            _severity = Severity.Error;
        }
        finally
        {
            _running = false;
        }
    }
}
