using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Prepaid.Domain.Security;

namespace Prepaid.App.Kernel.Security;

/// <summary>An authorization requirement met when one of the user's roles grants the permission.</summary>
public sealed record PermissionRequirement(Permission Permission) : IAuthorizationRequirement;

internal sealed class PermissionHandler : AuthorizationHandler<PermissionRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if (context.User.Allows(requirement.Permission))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}

/// <summary>Policy names and principal checks shared by pages, endpoints and services.</summary>
public static class PermissionPolicies
{
    /// <summary>The policy name for a permission, for <c>[Authorize(Policy = ...)]</c>.</summary>
    public static string For(Permission permission) => "perm:" + permission;

    public static bool Allows(this ClaimsPrincipal user, Permission permission) =>
        user.Identity?.IsAuthenticated == true
        && RolePermissions.Allows(user.FindAll(ClaimTypes.Role).Select(c => c.Value), permission);

    /// <summary>Throws unless the user holds the permission: services call this before acting.</summary>
    public static void Demand(this ClaimsPrincipal user, Permission permission)
    {
        if (!user.Allows(permission))
        {
            throw new PermissionDeniedException(user.Identity?.Name, permission);
        }
    }
}

/// <summary>A service refused an action the caller is not permitted to perform.</summary>
public sealed class PermissionDeniedException(string? user, Permission permission)
    : Exception($"User '{user ?? "(anonymous)"}' does not have the permission {permission}.")
{
    public Permission Permission { get; } = permission;
}
