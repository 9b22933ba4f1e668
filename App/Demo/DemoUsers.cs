using Prepaid.Domain.Security;

namespace Prepaid.App.Demo;

/// <summary>
/// One user per role for the demo mall, with passwords published in the README. They exist only when
/// <c>Demo:Enabled</c>, and the app refuses to start in Production with the demo on.
/// </summary>
public static class DemoUsers
{
    public static readonly IReadOnlyList<(string UserName, string DisplayName, string Role, string Password)> All =
    [
        ("manager", "王经理 Wang (Manager)", Roles.Manager, "Demo-Manager-2026"),
        ("cashier", "李出纳 Li (Finance)", Roles.Finance, "Demo-Cashier-2026"),
        ("electrician", "张电工 Zhang (Duty electrician)", Roles.DutyElectrician, "Demo-Electrician-2026"),
        ("wall", "控制室大屏 Control-room wall", Roles.WallDisplay, "Demo-Wall-2026"),
        ("tenant", "星光超市 Starlight Supermarket", Roles.Tenant, "Demo-Tenant-2026"),
    ];
}
