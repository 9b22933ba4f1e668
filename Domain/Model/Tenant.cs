namespace Prepaid.Domain.Model;

/// <summary>A shop leasing a unit in the mall.</summary>
public sealed class Tenant
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The site the unit is in.</summary>
    public int SiteId { get; set; }
    /// <summary>Shop name in Chinese, as on the lease.</summary>
    public required string Name { get; set; }
    /// <summary>Shop name in English.</summary>
    public required string NameEn { get; set; }
    /// <summary>Unit number such as L2-015; unique per site.</summary>
    public required string UnitNumber { get; set; }
    /// <summary>Leased area in square metres.</summary>
    public decimal LeasedAreaM2 { get; set; }
    /// <summary>The kind of business.</summary>
    public BusinessType BusinessType { get; set; }
    /// <summary>Contact person.</summary>
    public required string ContactName { get; set; }
    /// <summary>Mobile number for notices (low balance, recharge arrived).</summary>
    public required string Mobile { get; set; }
    /// <summary>A second mobile number, if any.</summary>
    public string? MobileAlt { get; set; }
}

/// <summary>A tenant's prepaid account: one balance in yuan shared by its electricity and water meters.</summary>
public sealed class Account
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The tenant that owns the account.</summary>
    public int TenantId { get; set; }
    /// <summary>Account number printed on receipts; unique.</summary>
    public required string Number { get; set; }
    /// <summary>When the account was opened.</summary>
    public DateTimeOffset OpenedAt { get; set; }
    /// <summary>When the account was closed and settled, or null while open.</summary>
    public DateTimeOffset? ClosedAt { get; set; }
    /// <summary>First low-balance notice threshold in yuan.</summary>
    public decimal AlarmAmount1 { get; set; } = 100m;
    /// <summary>Second low-balance notice threshold in yuan (not above the first).</summary>
    public decimal AlarmAmount2 { get; set; } = 30m;
    /// <summary>How far below zero the balance may go before the trip, in yuan.</summary>
    public decimal OverdraftLimit { get; set; }
}
