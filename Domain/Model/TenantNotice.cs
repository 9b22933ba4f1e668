using Prepaid.Domain.Billing;

namespace Prepaid.Domain.Model;

/// <summary>
/// A low-balance notice to a tenant (level 1 at alarm amount 1, 2 at alarm amount 2, 3 at zero). Stored with the
/// channel "pending" until a sender (SMS, WeChat) delivers it; sending is not part of billing.
/// </summary>
public sealed class TenantNotice
{
    /// <summary>Channel of a notice nobody has sent yet.</summary>
    public const string PendingChannel = "pending";

    /// <summary>Primary key.</summary>
    public long Id { get; set; }
    /// <summary>The tenant told.</summary>
    public int TenantId { get; set; }
    /// <summary>The account whose balance fell.</summary>
    public int AccountId { get; set; }
    /// <summary>The meter whose evaluation raised it.</summary>
    public int? MeterId { get; set; }
    /// <summary>The notice level.</summary>
    public NoticeLevel Level { get; set; }
    /// <summary>The balance in yuan when it was raised.</summary>
    public decimal Balance { get; set; }
    /// <summary>When it was raised.</summary>
    public DateTimeOffset At { get; set; }
    /// <summary>"pending" until sent; then the channel that carried it.</summary>
    public required string Channel { get; set; }
}
