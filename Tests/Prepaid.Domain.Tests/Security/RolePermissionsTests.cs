using Prepaid.Domain.Security;
using static Prepaid.Domain.Security.Permission;

namespace Prepaid.Domain.Tests.Security;

public sealed class RolePermissionsTests
{
    // The permission table of Domain/README.md ("Roles and permissions"), written out independently of the implementation:
    // A = Administrator, M = Manager, F = Finance, D = Duty electrician, W = Wall display, T = Tenant.
    private static readonly (Permission Permission, string Roles)[] Table =
    [
        (ViewLiveState, "AMD"),
        (ViewWallDisplay, "AMDW"),
        (AcknowledgeAlarms, "AD"),
        (ShelveAlarms, "AD"),
        (TripClose, "AMD"),
        (GrantKeepPower, "AM"),
        (ViewAccounts, "AMF"),
        (Recharge, "AF"),
        (RequestRefund, "AF"),
        (ApproveRefund, "AM"),
        (ViewReports, "AM"),
        (ViewSalesReports, "AMF"),
        (EditTariffs, "A"),
        (ViewConfiguration, "AM"),
        (EditConfiguration, "A"),
        (Import, "A"),
        (ManageUsers, "A"),
        (ViewAuditLog, "AM"),
        (ViewOwnAccount, "T"),
        (ManageAccounts, "AF"),
    ];

    private static readonly Dictionary<char, string> Letters = new()
    {
        ['A'] = Roles.Administrator, ['M'] = Roles.Manager, ['F'] = Roles.Finance,
        ['D'] = Roles.DutyElectrician, ['W'] = Roles.WallDisplay, ['T'] = Roles.Tenant,
    };

    public static TheoryData<string, Permission, bool> Matrix()
    {
        var data = new TheoryData<string, Permission, bool>();
        foreach (var (permission, roles) in Table)
        {
            foreach (var (letter, role) in Letters)
            {
                data.Add(role, permission, roles.Contains(letter));
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Allows_RoleAndPermission_MatchesTheTable(string role, Permission permission, bool expected)
    {
        Assert.Equal(expected, RolePermissions.Allows([role], permission));
    }

    [Fact]
    public void Table_CoversEveryPermission()
    {
        Assert.Equal(Enum.GetValues<Permission>().Order(), Table.Select(t => t.Permission).Order());
    }

    [Fact]
    public void Allows_UnknownRoleOrNoRole_AllowsNothing()
    {
        Assert.All(Enum.GetValues<Permission>(), p =>
        {
            Assert.False(RolePermissions.Allows([], p));
            Assert.False(RolePermissions.Allows(["Root"], p));
        });
    }

    [Fact]
    public void Allows_SeveralRoles_IsTheUnion()
    {
        Assert.True(RolePermissions.Allows([Roles.Finance, Roles.WallDisplay], Recharge));
        Assert.True(RolePermissions.Allows([Roles.Finance, Roles.WallDisplay], ViewWallDisplay));
        Assert.False(RolePermissions.Allows([Roles.Finance, Roles.WallDisplay], TripClose));
    }
}
