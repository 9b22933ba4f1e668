using static Prepaid.Domain.Security.Permission;

namespace Prepaid.Domain.Security;

/// <summary>The one place where roles map to permissions (table in Domain/README.md).</summary>
public static class RolePermissions
{
    private static readonly Dictionary<string, HashSet<Permission>> Map = new(StringComparer.Ordinal)
    {
        [Roles.Administrator] = [.. Enum.GetValues<Permission>().Where(p => p != ViewOwnAccount)],
        [Roles.Manager] =
        [
            // "View all": live state, wall, accounts, reports, configuration (read-only) and the audit log.
            ViewLiveState, ViewWallDisplay, TripClose, GrantKeepPower, ViewAccounts,
            ApproveRefund, ViewReports, ViewSalesReports, ViewConfiguration, ViewAuditLog,
        ],
        [Roles.Finance] = [ViewAccounts, ManageAccounts, Recharge, RequestRefund, ViewSalesReports],
        [Roles.DutyElectrician] = [ViewLiveState, ViewWallDisplay, AcknowledgeAlarms, ShelveAlarms, TripClose],
        [Roles.WallDisplay] = [ViewWallDisplay],
        [Roles.Tenant] = [ViewOwnAccount],
    };

    /// <summary>The permissions a role grants; empty for an unknown role.</summary>
    public static IReadOnlySet<Permission> Of(string role) =>
        Map.TryGetValue(role, out var set) ? set : new HashSet<Permission>();

    /// <summary>True when any of the roles grants the permission.</summary>
    public static bool Allows(IEnumerable<string> roles, Permission permission) =>
        roles.Any(r => Map.TryGetValue(r, out var set) && set.Contains(permission));
}
