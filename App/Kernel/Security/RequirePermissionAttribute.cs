using Microsoft.AspNetCore.Authorization;
using Prepaid.Domain.Security;

namespace Prepaid.App.Kernel.Security;

/// <summary><c>@attribute [RequirePermission(Permission.X)]</c> on a page or endpoint.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequirePermissionAttribute(Permission permission) : AuthorizeAttribute(PermissionPolicies.For(permission))
{
    public Permission Permission { get; } = permission;
}
