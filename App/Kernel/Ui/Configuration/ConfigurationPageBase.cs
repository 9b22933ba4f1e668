using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Localization;
using Prepaid.App.Kernel.Validation;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Kernel.Localization;
using Prepaid.Domain.Security;

namespace Prepaid.App.Kernel.Ui.Configuration;

/// <summary>
/// What every configuration page shares: the signed-in user, whether they may edit (the service checks again),
/// and running one change with its refusal shown as localized, specific reasons.
/// </summary>
public abstract class ConfigurationPageBase : ComponentBase
{
    [Inject] protected AuthenticationStateProvider Authentication { get; set; } = default!;
    [Inject] protected IHttpContextAccessor HttpContextAccessor { get; set; } = default!;
    [Inject] protected IStringLocalizer<Strings> Text { get; set; } = default!;

    protected ClaimsPrincipal Actor { get; private set; } = new();
    protected bool CanEdit { get; private set; }
    protected IReadOnlyList<string> Errors { get; private set; } = [];

    /// <summary>True while an edit dialog is open: its errors show in the dialog, not behind it as well.</summary>
    protected virtual bool Editing => false;

    protected IReadOnlyList<string> PageErrors => Editing ? [] : Errors;

    // The circuit's first request carries the client's address; it goes to the audit log with each change.
    protected string? Address => HttpContextAccessor.HttpContext?.Connection.RemoteIpAddress?.ToString();

    protected override async Task OnInitializedAsync()
    {
        Actor = (await Authentication.GetAuthenticationStateAsync()).User;
        CanEdit = Actor.Allows(Permission.EditConfiguration);
        await LoadAsync();
    }

    protected abstract Task LoadAsync();

    /// <summary>Runs a change; true when it was saved. A refusal leaves its reasons in <see cref="Errors"/>.</summary>
    protected async Task<bool> RunAsync(Func<Task> change)
    {
        Errors = [];
        try
        {
            await change();
            await LoadAsync();
            return true;
        }
        catch (ConfigurationValidationException ex)
        {
            Errors = [.. ex.Errors.Select(Describe)];
        }
        catch (PermissionDeniedException)
        {
            Errors = [Text["Account.Denied.Body"]];
        }

        return false;
    }

    protected void ClearErrors() => Errors = [];

    protected void ShowErrors(IReadOnlyList<string> errors) => Errors = errors;

    protected string Describe(ConfigurationError error) => ValidationText.Describe(Text, error);

    /// <summary>A domain rule's issue in the page's language; its English text when the code has no resource.</summary>
    protected string Describe(Prepaid.Domain.ValidationIssue issue) => ValidationText.Describe(Text, issue);
}
