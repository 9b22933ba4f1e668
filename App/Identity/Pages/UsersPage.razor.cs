using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Prepaid.App.Identity;
using Prepaid.App.Kernel.Security;
namespace Prepaid.App.Identity.Pages;

public partial class UsersPage
{
    private IReadOnlyList<UserSummary> _users = [];
    private string? _error;
    private (string UserName, string Password)? _oneTimePassword;
    private string _newUserName = "";
    private string _newDisplayName = "";
    private IReadOnlyCollection<string> _newRoles = [];

    [Inject] private UserAdministration Administration { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] private IHttpContextAccessor HttpContextAccessor { get; set; } = default!;

    protected override Task OnInitializedAsync() => ReloadAsync();

    private string RoleName(string? role) => role is null ? "" : L["Role." + role];

    private async Task<ClaimsPrincipal> ActorAsync() => (await Authentication.GetAuthenticationStateAsync()).User;

    // The circuit's first request carries the client's address; it goes to the audit log with each change.
    private string? Address => HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    private async Task ReloadAsync() => _users = await Administration.ListAsync(await ActorAsync());

    private Task CreateAsync() => RunAsync(async actor =>
    {
        var password = await Administration.CreateAsync(actor, _newUserName, _newDisplayName, [.. _newRoles], Address);
        _oneTimePassword = (_newUserName.Trim(), password);
        _newUserName = _newDisplayName = "";
        _newRoles = [];
    });

    private Task SetRolesAsync(UserSummary user, IReadOnlyCollection<string>? roles) =>
        RunAsync(actor => Administration.SetRolesAsync(actor, user.Id, [.. roles ?? []], Address));

    private Task ToggleDisabledAsync(UserSummary user) =>
        RunAsync(actor => Administration.SetDisabledAsync(actor, user.Id, !user.IsDisabled, Address));

    private Task ResetPasswordAsync(UserSummary user) => RunAsync(async actor =>
        _oneTimePassword = (user.UserName, await Administration.ResetPasswordAsync(actor, user.Id, Address)));

    /// <summary>Runs one change; a refusal shows its localized reason and the list is read again either way.</summary>
    private async Task RunAsync(Func<ClaimsPrincipal, Task> change)
    {
        _error = null;
        try
        {
            await change(await ActorAsync());
        }
        catch (UserAdministrationException ex)
        {
            var text = L["Users.Error." + ex.Code];
            _error = text.ResourceNotFound ? ex.Message : text.Value;
        }
        catch (PermissionDeniedException)
        {
            _error = L["Account.Denied.Body"];
        }

        await ReloadAsync();
    }
}
