namespace Prepaid.App.Billing.Collection;

/// <summary>Why a shop is on the list, most urgent first (the order of the list).</summary>
public enum CallReason
{
    /// <summary>Its supply is off for fees owed past the grace period.</summary>
    TrippedForFees = 0,
    /// <summary>Its supply is off because its money ran out (the relay policy's arrears trip, or a meter at zero).</summary>
    OutOfMoney = 1,
    /// <summary>It owes fees its meters' money does not cover; the supply goes off when the grace period ends.</summary>
    GraceRunning = 2,
    /// <summary>What it can spend is at or below alarm amount 2.</summary>
    BelowAlarm2 = 3,
    /// <summary>What it can spend is at or below alarm amount 1.</summary>
    BelowAlarm1 = 4,
    /// <summary>It owes fees, and its meters' money covers them: the next payment settles them first.</summary>
    FeesOwed = 5,
}

/// <summary>One shop to call, with the figures a finance clerk needs on the phone.</summary>
/// <param name="AccountId">The account.</param>
/// <param name="AccountNumber">The account number.</param>
/// <param name="Unit">The shop's unit number.</param>
/// <param name="TenantName">The tenant's Chinese name.</param>
/// <param name="TenantNameEn">The tenant's English name.</param>
/// <param name="Contact">Who to ask for.</param>
/// <param name="Mobile">The number to call.</param>
/// <param name="Reason">Why it is on the list.</param>
/// <param name="Owed">Fees and charges owed (yuan, zero or more).</param>
/// <param name="InMeters">What its self-billing meters hold as last read back; null under platform billing or while a meter was never read.</param>
/// <param name="Available">What it can still spend: the meters' money plus the ledger; null while a meter was never read.</param>
/// <param name="Since">Since when: the trip, or the fee notice that started the grace period.</param>
/// <param name="GraceUntil">When the grace period ends (for <see cref="CallReason.GraceRunning"/>).</param>
public sealed record ShopToCall(
    int AccountId, string AccountNumber, string Unit, string TenantName, string TenantNameEn, string Contact, string Mobile,
    CallReason Reason, decimal Owed, decimal? InMeters, decimal? Available, DateTimeOffset? Since, DateTimeOffset? GraceUntil);
