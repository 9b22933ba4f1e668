using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

namespace Prepaid.App.Accounts.Pages;

/// <summary>Refund and reversal requests: a Manager approves or rejects the pending ones (never their own); everyone
/// with the page sees the latest decisions. The service checks the same rules again.</summary>
public partial class ApprovalList
{
    private IReadOnlyList<RefundRequestRow> _pending = [];
    private IReadOnlyList<RefundRequestRow> _decided = [];
    private ClaimsPrincipal _user = new();
    private bool _canApprove;
    private bool _running;
    private RefundRequest? _rejecting;
    private string _note = "";
    private string? _message;
    private Severity _severity;
    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    [Inject] private RefundRequestQuery Query { get; set; } = default!;
    [Inject] private RefundService Refunds { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        _user = (await Authentication.GetAuthenticationStateAsync()).User;
        _canApprove = _user.Allows(Permission.ApproveRefund);
        _zone = await Query.ZoneAsync(CancellationToken.None);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        _pending = await Query.ListAsync(pending: true, 200, CancellationToken.None);
        _decided = await Query.ListAsync(pending: false, 20, CancellationToken.None);
    }

    private bool IsOwn(RefundRequest request) => string.Equals(request.RequestedBy, _user.Identity?.Name, StringComparison.OrdinalIgnoreCase);

    private Task ApproveAsync(RefundRequest request) =>
        DecideAsync(() => Refunds.ApproveAsync(_user, request.Id, null, Address, CancellationToken.None), "Cashier.Approved", request.Id);

    private void StartReject(RefundRequest request)
    {
        _rejecting = request;
        _note = "";
    }

    private void CancelReject() => _rejecting = null;

    private Task RejectAsync() => _rejecting is { } request
        ? DecideAsync(() => Refunds.RejectAsync(_user, request.Id, _note, Address, CancellationToken.None), "Cashier.Rejected", request.Id)
        : Task.CompletedTask;

    private async Task DecideAsync(Func<Task<RefundRequest>> decide, string doneKey, int id)
    {
        _running = true;
        try
        {
            await decide();
            _message = L[doneKey, id];
            _severity = Severity.Success;
            _rejecting = null;
        }
        catch (CashierRefusedException e)
        {
            _message = e.Localize(L);
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

        await LoadAsync();
    }

    private string KindText(RefundRequest r) => L["Cashier.Kind." + r.Kind];

    private string MethodText(RefundRequest r) => r.Method is { } m ? L["Cashier.Method." + m] : "";

    private string Time(DateTimeOffset? at) => SiteTime.Format(at, _zone);

    private string? Address => HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();
}
