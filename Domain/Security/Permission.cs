namespace Prepaid.Domain.Security;

/// <summary>
/// Named actions the platform protects. Pages and, above all, the services that perform the actions check
/// these; roles only matter through <see cref="RolePermissions"/>.
/// </summary>
public enum Permission
{
    /// <summary>See live meter state, the site overview and the meters list.</summary>
    ViewLiveState,
    /// <summary>Open the control-room wall display.</summary>
    ViewWallDisplay,
    /// <summary>Acknowledge alarms.</summary>
    AcknowledgeAlarms,
    /// <summary>Shelve and unshelve alarms.</summary>
    ShelveAlarms,
    /// <summary>Trip or close a meter's relay.</summary>
    TripClose,
    /// <summary>Grant or release keep power (保电).</summary>
    GrantKeepPower,
    /// <summary>See tenants, accounts and ledgers.</summary>
    ViewAccounts,
    /// <summary>Take money in: recharges and receipts.</summary>
    Recharge,
    /// <summary>Ask for a refund or a reversal.</summary>
    RequestRefund,
    /// <summary>Approve or reject refunds and reversals.</summary>
    ApproveRefund,
    /// <summary>See and generate every report.</summary>
    ViewReports,
    /// <summary>See and generate sales reports.</summary>
    ViewSalesReports,
    /// <summary>Change price plans.</summary>
    EditTariffs,
    /// <summary>See the configuration (gateways, buses, meters, fees, sharing).</summary>
    ViewConfiguration,
    /// <summary>Change the configuration.</summary>
    EditConfiguration,
    /// <summary>Import configuration spreadsheets.</summary>
    Import,
    /// <summary>Create users, assign roles, disable users, reset passwords.</summary>
    ManageUsers,
    /// <summary>Search and export the audit log.</summary>
    ViewAuditLog,
    /// <summary>A tenant's own account, usage, records and payments.</summary>
    ViewOwnAccount,
    /// <summary>Open and close accounts, move meters and balances between them, edit tenant details.</summary>
    ManageAccounts,
}
