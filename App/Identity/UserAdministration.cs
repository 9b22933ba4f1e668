using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Identity;

/// <summary>A user as the administration page lists it.</summary>
public sealed record UserSummary(string Id, string UserName, string DisplayName, IReadOnlyList<string> Roles, bool IsDisabled, bool IsLockedOut, bool MustChangePassword);

/// <summary>A refused change, with a code the page localizes ("user.exists", "roles.unknown" ...).</summary>
public sealed class UserAdministrationException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>
/// Creates users, assigns roles, disables and resets passwords. Every method checks the caller's permission
/// itself and writes the audit log with the state before and after.
/// </summary>
public sealed class UserAdministration(UserManager<PrepaidUser> users, AuditLog audit, TimeProvider time)
{
    public async Task<IReadOnlyList<UserSummary>> ListAsync(ClaimsPrincipal actor, CancellationToken cancellationToken = default)
    {
        actor.Demand(Permission.ManageUsers);
        var all = await users.Users.OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var result = new List<UserSummary>(all.Count);
        foreach (var user in all)
        {
            result.Add(await SummaryAsync(user));
        }

        return result;
    }

    /// <summary>Creates a user with a one-time password, which is returned once and must be changed at first sign-in.</summary>
    public async Task<string> CreateAsync(ClaimsPrincipal actor, string userName, string displayName, IReadOnlyCollection<string> roles, string? address)
    {
        actor.Demand(Permission.ManageUsers);
        userName = userName.Trim();
        if (userName.Length is < 2 or > 64 || !userName.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
        {
            throw new UserAdministrationException("user.name", "A user name has 2 to 64 letters, digits, '.', '-' or '_'.");
        }

        CheckRoles(roles);
        if (await users.FindByNameAsync(userName) is not null)
        {
            throw new UserAdministrationException("user.exists", $"The user name '{userName}' is taken.");
        }

        var password = PasswordGenerator.Generate();
        var user = new PrepaidUser
        {
            UserName = userName,
            DisplayName = displayName.Trim(),
            MustChangePassword = true,
            LockoutEnabled = true,
            CreatedAt = time.GetUtcNow(),
        };
        Check(await users.CreateAsync(user, password));
        Check(await users.AddToRolesAsync(user, roles));
        await audit.WriteAsync(AuditKind.UserChange, "user.create", actor.Identity!.Name!, address, $"user:{userName}",
            after: new { userName, user.DisplayName, roles });
        return password;
    }

    public async Task SetRolesAsync(ClaimsPrincipal actor, string userId, IReadOnlyCollection<string> roles, string? address)
    {
        actor.Demand(Permission.ManageUsers);
        CheckRoles(roles);
        var user = await FindAsync(userId);
        var before = await users.GetRolesAsync(user);
        if (IsSelf(actor, user) && before.Contains(Roles.Administrator) && !roles.Contains(Roles.Administrator))
        {
            throw new UserAdministrationException("user.self-admin", "You cannot remove your own Administrator role.");
        }

        Check(await users.RemoveFromRolesAsync(user, before.Except(roles)));
        Check(await users.AddToRolesAsync(user, roles.Except(before)));
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(AuditKind.UserChange, "user.roles", actor.Identity!.Name!, address, $"user:{user.UserName}",
            before: new { roles = before }, after: new { roles });
    }

    public async Task SetDisabledAsync(ClaimsPrincipal actor, string userId, bool disabled, string? address)
    {
        actor.Demand(Permission.ManageUsers);
        var user = await FindAsync(userId);
        if (disabled && IsSelf(actor, user))
        {
            throw new UserAdministrationException("user.self-disable", "You cannot disable yourself.");
        }

        var before = user.IsDisabled;
        user.IsDisabled = disabled;
        Check(await users.UpdateAsync(user));
        // A new stamp ends the user's open sessions at the next revalidation.
        await users.UpdateSecurityStampAsync(user);
        await audit.WriteAsync(AuditKind.UserChange, disabled ? "user.disable" : "user.enable", actor.Identity!.Name!, address,
            $"user:{user.UserName}", before: new { disabled = before }, after: new { disabled });
    }

    /// <summary>Sets a new one-time password, returned once; unlocks the user and ends their sessions.</summary>
    public async Task<string> ResetPasswordAsync(ClaimsPrincipal actor, string userId, string? address)
    {
        actor.Demand(Permission.ManageUsers);
        var user = await FindAsync(userId);
        var password = PasswordGenerator.Generate();
        var token = await users.GeneratePasswordResetTokenAsync(user);
        Check(await users.ResetPasswordAsync(user, token, password));
        user.MustChangePassword = true;
        Check(await users.UpdateAsync(user));
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        await audit.WriteAsync(AuditKind.UserChange, "user.reset-password", actor.Identity!.Name!, address, $"user:{user.UserName}",
            after: new { mustChangePassword = true });
        return password;
    }

    private async Task<UserSummary> SummaryAsync(PrepaidUser user) => new(
        user.Id,
        user.UserName ?? "",
        user.DisplayName,
        [.. await users.GetRolesAsync(user)],
        user.IsDisabled,
        await users.IsLockedOutAsync(user),
        user.MustChangePassword);

    private async Task<PrepaidUser> FindAsync(string userId) =>
        await users.FindByIdAsync(userId) ?? throw new UserAdministrationException("user.missing", $"No user with id {userId}.");

    private static bool IsSelf(ClaimsPrincipal actor, PrepaidUser user) =>
        actor.FindFirstValue(ClaimTypes.NameIdentifier) == user.Id;

    private static void CheckRoles(IReadOnlyCollection<string> roles)
    {
        if (roles.Count == 0)
        {
            throw new UserAdministrationException("roles.none", "A user needs at least one role.");
        }

        var unknown = roles.Except(Roles.All).ToList();
        if (unknown.Count > 0)
        {
            throw new UserAdministrationException("roles.unknown", $"Unknown roles: {string.Join(", ", unknown)}.");
        }
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new UserAdministrationException("identity", string.Join("; ", result.Errors.Select(e => e.Description)));
        }
    }
}
