namespace Prepaid.Domain.Security;

/// <summary>The roles of the platform (Domain/README.md, "Roles and permissions"); a user may hold several.</summary>
public static class Roles
{
    /// <summary>Everything, including users, roles and configuration.</summary>
    public const string Administrator = "Administrator";
    /// <summary>View all, reports, approve refunds, grant keep power, trip and close.</summary>
    public const string Manager = "Manager";
    /// <summary>Cashier: accounts, recharges, receipts, refund requests, sales reports.</summary>
    public const string Finance = "Finance";
    /// <summary>Live state, alarms, trip and close for safety.</summary>
    public const string DutyElectrician = "DutyElectrician";
    /// <summary>Kiosk account: the wall display and nothing else.</summary>
    public const string WallDisplay = "WallDisplay";
    /// <summary>A shop: its own account only.</summary>
    public const string Tenant = "Tenant";

    /// <summary>Every role, in the order screens list them.</summary>
    public static readonly IReadOnlyList<string> All = [Administrator, Manager, Finance, DutyElectrician, WallDisplay, Tenant];
}
