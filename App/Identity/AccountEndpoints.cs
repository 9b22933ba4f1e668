using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Identity.Landing;
using Prepaid.App.Identity.Throttling;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Identity;

/// <summary>Form posts of the static account pages; each answer is a redirect, errors as a code the page localizes.</summary>
public static class AccountEndpoints
{
    public sealed record SignInForm(string? UserName, string? Password, string? ReturnUrl);

    public sealed record ChangePasswordForm(string? CurrentPassword, string? NewPassword, string? ConfirmPassword, string? ReturnUrl);

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var account = endpoints.MapGroup("/account");
        // Limited per client address before the endpoint runs: a refused post looks up no user and counts no failure.
        account.MapPost("/signin", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInThrottle.PolicyName);
        account.MapPost("/logout", LogoutAsync);
        account.MapPost("/change-password", ChangePasswordAsync);
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(
        [FromForm] SignInForm form, HttpContext http, SignInManager<PrepaidUser> signIn, AuditLog audit,
        Microsoft.Extensions.Options.IOptions<SecurityOptions> security, TimeProvider time, PageAccess pages, DecoyPasswordHash decoy)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        var address = http.Connection.RemoteIpAddress?.ToString();
        var userName = form.UserName?.Trim() ?? "";
        IResult Fail(string code) => Results.LocalRedirect($"/account/login?error={code}&returnUrl={Uri.EscapeDataString(returnUrl)}");

        if (userName.Length == 0 || string.IsNullOrEmpty(form.Password))
        {
            return Fail("missing");
        }

        // Every refusal below answers the same "invalid" and verifies one password hash, so neither the message nor
        // the time taken tells an anonymous caller whether the name exists, is disabled or is locked out; the audit
        // keeps the real reason for the administrators.
        var user = await signIn.UserManager.FindByNameAsync(userName);
        var refusal = user switch
        {
            null => "login.invalid",
            { IsDisabled: true } => "login.disabled",
            // Identity answers "locked out" before it looks at the password: check first, and verify the decoy instead.
            _ when await signIn.UserManager.IsLockedOutAsync(user) => "login.locked",
            _ => null,
        };
        if (user is null || refusal is not null)
        {
            decoy.Verify(signIn.UserManager.PasswordHasher, form.Password);
            await audit.WriteAsync(AuditKind.LoginFailed, refusal ?? "login.invalid", userName, address, user is null ? null : $"user:{userName}");
            return Fail("invalid");
        }

        var result = await signIn.CheckPasswordSignInAsync(user, form.Password, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            // Long sessions only for the kiosk: the wall display must stay signed in while the screen is on.
            var properties = await IsKioskOnlyAsync(signIn.UserManager, user)
                ? new AuthenticationProperties { IsPersistent = true, ExpiresUtc = time.GetUtcNow() + security.Value.KioskSessionLifetime, AllowRefresh = true }
                : new AuthenticationProperties();
            await signIn.SignInAsync(user, properties);
            await audit.WriteAsync(AuditKind.Login, "login", userName, address, $"user:{userName}");
            // http.User is still the anonymous caller here; the rule needs the principal just signed in.
            var principal = await signIn.CreateUserPrincipalAsync(user);
            var destination = await LandingRule.AfterSignInAsync(principal, returnUrl, path => pages.MayOpenAsync(principal, path));
            return user.MustChangePassword
                ? Results.LocalRedirect($"/account/change-password?returnUrl={Uri.EscapeDataString(destination)}")
                : Results.LocalRedirect(destination);
        }

        // This wrong password may just have locked the account: the audit says so, the caller hears "invalid".
        await audit.WriteAsync(AuditKind.LoginFailed, result.IsLockedOut ? "login.locked" : "login.invalid", userName, address, $"user:{userName}");
        return Fail("invalid");
    }

    private static async Task<bool> IsKioskOnlyAsync(UserManager<PrepaidUser> users, PrepaidUser user)
    {
        var roles = await users.GetRolesAsync(user);
        return roles.Count > 0 && roles.All(r => r == Roles.WallDisplay);
    }

    private static async Task<IResult> LogoutAsync(HttpContext http, SignInManager<PrepaidUser> signIn, AuditLog audit, IAntiforgery antiforgery)
    {
        // Logout binds no form, so nothing checks the token unless we do: a forged post would sign users out.
        if (!await antiforgery.IsRequestValidAsync(http))
        {
            return Results.BadRequest("The form is missing its antiforgery token; reload the page and try again.");
        }

        var userName = http.User.Identity?.Name ?? "";
        await signIn.SignOutAsync();
        await audit.WriteAsync(AuditKind.SignOut, "logout", userName, http.Connection.RemoteIpAddress?.ToString(), $"user:{userName}");
        return Results.LocalRedirect("/account/login");
    }

    private static async Task<IResult> ChangePasswordAsync(
        [FromForm] ChangePasswordForm form, HttpContext http, SignInManager<PrepaidUser> signIn, AuditLog audit)
    {
        var returnUrl = SafeReturnUrl(form.ReturnUrl);
        IResult Fail(string code) => Results.LocalRedirect($"/account/change-password?error={code}&returnUrl={Uri.EscapeDataString(returnUrl)}");
        var user = await signIn.UserManager.GetUserAsync(http.User);
        if (user is null)
        {
            return Results.LocalRedirect("/account/login");
        }

        if (string.IsNullOrEmpty(form.CurrentPassword) || string.IsNullOrEmpty(form.NewPassword))
        {
            return Fail("missing");
        }

        if (form.NewPassword != form.ConfirmPassword)
        {
            return Fail("mismatch");
        }

        if (form.NewPassword == form.CurrentPassword)
        {
            return Fail("same");
        }

        var result = await signIn.UserManager.ChangePasswordAsync(user, form.CurrentPassword, form.NewPassword);
        if (!result.Succeeded)
        {
            return Fail(result.Errors.Any(e => e.Code == "PasswordMismatch") ? "wrong" : "policy");
        }

        user.MustChangePassword = false;
        await signIn.UserManager.UpdateAsync(user);
        await signIn.RefreshSignInAsync(user);
        await audit.WriteAsync(AuditKind.UserChange, "password.change", user.UserName!, http.Connection.RemoteIpAddress?.ToString(), $"user:{user.UserName}");
        return Results.LocalRedirect(returnUrl);
    }

    /// <summary>
    /// Only local paths: an open redirect after sign-in would hand a session to a phishing page. A control character
    /// anywhere, raw or percent-encoded (even twice), makes the address invalid too: the framework's local redirect
    /// refuses a raw one (an error page after a good sign-in), and an encoded one would reach the page as a route value.
    /// </summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
        && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
        && !HasControlCharacter(returnUrl)
            ? returnUrl
            : "/";

    private static bool HasControlCharacter(string url)
    {
        var text = url;
        for (var decodings = 0; decodings < 3; decodings++)
        {
            if (text.Any(char.IsControl))
            {
                return true;
            }

            var decoded = Uri.UnescapeDataString(text);
            if (decoded == text)
            {
                return false;
            }

            text = decoded;
        }

        // Still encoded after three rounds: no address of this app is, so it is not one.
        return true;
    }
}
