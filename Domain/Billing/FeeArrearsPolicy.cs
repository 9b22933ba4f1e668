namespace Prepaid.Domain.Billing;

/// <summary>What the fee-arrears rule says about one meter-billed account.</summary>
public enum FeeArrearsState
{
    /// <summary>Nothing is owed and nothing is tripped for it.</summary>
    Clear = 0,
    /// <summary>Charges are owed but the money in the meters covers them: the next payment settles them first.</summary>
    Covered = 1,
    /// <summary>Charges are owed and a meter was never read: the rule does not trip on a figure it does not know.</summary>
    Unknown = 2,
    /// <summary>Owed and not covered; the grace period runs until <see cref="FeeArrearsDecision.GraceUntil"/> (null for a
    /// debt no charge explains, which never trips by itself).</summary>
    Grace = 3,
    /// <summary>The grace period is over: trip the account's meters.</summary>
    Trip = 4,
    /// <summary>The grace period is over but keep power is active on the meter: no trip.</summary>
    HeldByKeepPower = 5,
    /// <summary>The grace period is over but the meter is already off for another cause (an operator, over-power): that cause decides.</summary>
    OtherTrip = 6,
    /// <summary>Tripped for fee arrears and still owing: stay off.</summary>
    Remain = 7,
    /// <summary>Tripped for fee arrears and everything owed is paid: close again.</summary>
    Release = 8,
}

/// <summary>The rule's answer, with the end of the grace period when one runs or ran.</summary>
/// <param name="State">What to do.</param>
/// <param name="GraceUntil">The end of the grace period (its start + grace); null when nothing is owed or nothing is uncovered.</param>
public sealed record FeeArrearsDecision(FeeArrearsState State, DateTimeOffset? GraceUntil);

/// <summary>
/// Fees that cannot be covered trip the shop: when an account owes charges and the money in its meters does not
/// cover them (<see cref="MoneyPicture.Available"/> below zero), a grace period runs from the moment the shop was told
/// so (the first "fees owed" notice after the oldest charge still open: at the monthly deduction, or later when
/// the meters' money stops covering the debt), so every shop gets the whole grace period after its notice; after it the shop is tripped like any arrears, and closed again automatically once
/// everything owed is paid. Keep power and a trip for another cause win, as for energy arrears.
/// See Domain/Billing/README.md, "Fee arrears".
/// </summary>
public static class FeeArrearsPolicy
{
    /// <summary>The default grace period after the oldest open charge.</summary>
    public static readonly TimeSpan DefaultGrace = TimeSpan.FromDays(3);

    /// <summary>Decides for one meter of the account.</summary>
    /// <param name="picture">The account's money.</param>
    /// <param name="graceFrom">When the grace period started (the shop's "fees owed" notice, or now when that notice is
    /// being raised); null when no charge explains the debt, which never trips by itself.</param>
    /// <param name="grace">The grace period, zero or more.</param>
    /// <param name="now">The current instant.</param>
    /// <param name="trippedForFees">Whether this meter is off because of this rule.</param>
    /// <param name="keepPower">Whether keep power is active on the meter.</param>
    /// <param name="offForOtherCause">Whether the meter is off for another cause (operator, over-power, unknown).</param>
    public static FeeArrearsDecision Decide(MoneyPicture picture, DateTimeOffset? graceFrom, TimeSpan grace, DateTimeOffset now,
        bool trippedForFees, bool keepPower, bool offForOtherCause)
    {
        ArgumentNullException.ThrowIfNull(picture);
        ArgumentOutOfRangeException.ThrowIfLessThan(grace, TimeSpan.Zero);
        var until = graceFrom + grace;
        if (picture.Owed == 0)
        {
            return new FeeArrearsDecision(trippedForFees ? FeeArrearsState.Release : FeeArrearsState.Clear, null);
        }

        if (trippedForFees)
        {
            return new FeeArrearsDecision(keepPower ? FeeArrearsState.Release : FeeArrearsState.Remain, until);
        }

        if (!picture.Complete)
        {
            return new FeeArrearsDecision(FeeArrearsState.Unknown, null);
        }

        if (picture.Available >= 0)
        {
            return new FeeArrearsDecision(FeeArrearsState.Covered, null);
        }

        // A debt that no charge explains (a recharge reversed after the meters took it) has no posting time to
        // count the grace from: it never trips by itself, finance settles it with the shop.
        if (until is null || now < until)
        {
            return new FeeArrearsDecision(FeeArrearsState.Grace, until);
        }

        if (keepPower)
        {
            return new FeeArrearsDecision(FeeArrearsState.HeldByKeepPower, until);
        }

        return new FeeArrearsDecision(offForOtherCause ? FeeArrearsState.OtherTrip : FeeArrearsState.Trip, until);
    }
}
