using System.Globalization;
using Prepaid.Domain.Model;

namespace Prepaid.Domain.Billing;

/// <summary>How a tenant's monthly property fee is set.</summary>
public enum PropertyFeeBasis
{
    /// <summary>A fixed amount per month in yuan (whole fen).</summary>
    FixedMonthly = 0,
    /// <summary>Leased area (m2) x a rate in yuan per m2 per month, rounded to the fen.</summary>
    PerSquareMetre = 1,
}

/// <summary>A tenant's property fee rule.</summary>
/// <param name="Basis">Fixed or per square metre.</param>
/// <param name="Rate">Yuan per month (fixed, whole fen) or yuan per m2 per month (at most 4 decimals); at least zero.</param>
public sealed record PropertyFeeRule(PropertyFeeBasis Basis, decimal Rate);

/// <summary>One tenant as the property fee run sees it.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="AccountId">The account charged.</param>
/// <param name="LeasedAreaM2">Leased area in m2 (at most 4 decimals), used by <see cref="PropertyFeeBasis.PerSquareMetre"/>.</param>
/// <param name="Rule">The fee rule.</param>
/// <param name="Balance">The account balance before the fee.</param>
/// <param name="OverdraftLimit">The account's overdraft allowance (for <see cref="PropertyFeeCharge.TripsNow"/>).</param>
public sealed record PropertyFeeTenant(
    int TenantId, int AccountId, decimal LeasedAreaM2, PropertyFeeRule Rule, decimal Balance, decimal OverdraftLimit);

/// <summary>What the run does for one tenant.</summary>
public enum PropertyFeeOutcome
{
    /// <summary>Post the fee (<see cref="PropertyFeeCharge.Entry"/>).</summary>
    Charge = 0,
    /// <summary>The month was already charged (its idempotency key is posted): nothing to do.</summary>
    AlreadyCharged = 1,
    /// <summary>The fee is zero: nothing to post.</summary>
    NoFee = 2,
}

/// <summary>The property fee of one tenant for one month.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="Month">The month charged.</param>
/// <param name="IdempotencyKey"><c>property-fee:{tenantId}:{yyyy-MM}</c>.</param>
/// <param name="Outcome">Charge, already charged, or no fee.</param>
/// <param name="Fee">The fee in yuan (whole fen, positive or zero); zero unless <see cref="PropertyFeeOutcome.Charge"/>.</param>
/// <param name="Basis">The basis in words for the statement, for example "120.5 m2 x 8.5 yuan/m2 = 1024.25".</param>
/// <param name="BalanceAfter">Balance after the fee.</param>
/// <param name="Covered">True when the balance before the fee covers it; false puts the tenant on the arrears path.</param>
/// <param name="TripsNow">True when the balance after the fee is at or below minus the overdraft, so the relay
/// policy trips at its next evaluation unless keep power is active.</param>
/// <param name="Entry">The ledger entry to append, or null when there is nothing to post.</param>
public sealed record PropertyFeeCharge(
    int TenantId,
    BillingMonth Month,
    string IdempotencyKey,
    PropertyFeeOutcome Outcome,
    decimal Fee,
    string Basis,
    decimal BalanceAfter,
    bool Covered,
    bool TripsNow,
    LedgerEntry? Entry);

/// <summary>
/// The monthly property fee: fixed, or leased area x rate rounded to the fen half away from
/// zero (四舍五入), deducted once per tenant and month. The idempotency key
/// <c>property-fee:{tenantId}:{yyyy-MM}</c> makes a second run (or a catch-up after downtime) produce nothing.
/// </summary>
public static class PropertyFee
{
    /// <summary>Who the entries are recorded by unless the job names itself.</summary>
    public const string DefaultRecordedBy = "property-fee-job";

    /// <summary>The idempotency key of a tenant's fee for a month.</summary>
    public static string IdempotencyKey(int tenantId, BillingMonth month) =>
        string.Create(CultureInfo.InvariantCulture, $"property-fee:{tenantId}:{month}");

    /// <summary>The monthly fee in yuan: the fixed amount, or area x rate rounded to the fen half away from zero.</summary>
    /// <exception cref="BillingValidationException">A negative or over-precise rate or area.</exception>
    public static decimal Amount(PropertyFeeRule rule, decimal leasedAreaM2)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var errors = new IssueList();
        if (rule.Rate < 0 || !ScaledDecimalFits(rule.Rate))
        {
            errors.Add("Fee.BadRate", $"The property fee rate ({rule.Rate}) must be zero or positive with at most 4 decimals.", rule.Rate);
        }

        switch (rule.Basis)
        {
            case PropertyFeeBasis.FixedMonthly:
                if (!Fen.IsWhole(rule.Rate))
                {
                    errors.Add("Fee.FixedNotFen", $"A fixed monthly property fee ({rule.Rate}) must be in whole fen.", rule.Rate);
                }

                break;
            case PropertyFeeBasis.PerSquareMetre:
                if (leasedAreaM2 < 0 || !ScaledDecimalFits(leasedAreaM2))
                {
                    errors.Add("Fee.BadArea", $"The leased area ({leasedAreaM2} m2) must be zero or positive with at most 4 decimals.", leasedAreaM2);
                }

                break;
            default:
                errors.Add("Fee.UnknownBasis", $"Unknown property fee basis {rule.Basis}.", rule.Basis);
                break;
        }

        if (errors.Count > 0)
        {
            throw new BillingValidationException(errors.Issues);
        }

        return rule.Basis == PropertyFeeBasis.FixedMonthly ? rule.Rate : Fen.Round(leasedAreaM2 * rule.Rate);
    }

    /// <summary>Plans one tenant's fee for <paramref name="month"/>.</summary>
    /// <param name="tenant">The tenant, its rule and its balance.</param>
    /// <param name="month">The month charged.</param>
    /// <param name="occurredAt">When the fee takes effect (the run time, the 1st at 00:10 site time).</param>
    /// <param name="postedKeys">Idempotency keys already in the ledger (at least this month's property fee keys).</param>
    /// <param name="recordedBy">The job's name for the entry.</param>
    public static PropertyFeeCharge Plan(
        PropertyFeeTenant tenant,
        BillingMonth month,
        DateTimeOffset occurredAt,
        IReadOnlySet<string> postedKeys,
        string recordedBy = DefaultRecordedBy)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(postedKeys);
        var key = IdempotencyKey(tenant.TenantId, month);
        var fee = Amount(tenant.Rule, tenant.LeasedAreaM2);
        var basis = tenant.Rule.Basis == PropertyFeeBasis.FixedMonthly
            ? string.Create(CultureInfo.InvariantCulture, $"fixed {fee} per month")
            : string.Create(CultureInfo.InvariantCulture, $"{tenant.LeasedAreaM2} m2 x {tenant.Rule.Rate} yuan/m2 = {fee}");

        if (postedKeys.Contains(key))
        {
            return Nothing(PropertyFeeOutcome.AlreadyCharged);
        }

        if (fee == 0)
        {
            return Nothing(PropertyFeeOutcome.NoFee);
        }

        var after = tenant.Balance - fee;
        var entry = new LedgerEntry
        {
            AccountId = tenant.AccountId,
            Kind = LedgerEntryKind.PropertyFee,
            Amount = -fee,
            IdempotencyKey = key,
            OccurredAt = occurredAt,
            RecordedBy = recordedBy,
            CauseType = "property-fee",
            CauseId = month.ToString(),
            Note = "Property fee " + month + ": " + basis,
        };
        return new PropertyFeeCharge(
            tenant.TenantId, month, key, PropertyFeeOutcome.Charge, fee, basis, after,
            Covered: tenant.Balance >= fee, TripsNow: after <= -tenant.OverdraftLimit, entry);

        PropertyFeeCharge Nothing(PropertyFeeOutcome outcome) => new(
            tenant.TenantId, month, key, outcome, 0m, basis, tenant.Balance,
            Covered: true, TripsNow: tenant.Balance <= -tenant.OverdraftLimit, Entry: null);
    }

    /// <summary>Plans the run for every tenant; tenant ids must be unique.</summary>
    /// <exception cref="BillingValidationException">A tenant appears twice.</exception>
    public static IReadOnlyList<PropertyFeeCharge> PlanRun(
        IEnumerable<PropertyFeeTenant> tenants,
        BillingMonth month,
        DateTimeOffset occurredAt,
        IReadOnlySet<string> postedKeys,
        string recordedBy = DefaultRecordedBy)
    {
        ArgumentNullException.ThrowIfNull(tenants);
        var list = tenants.ToList();
        var duplicates = list.GroupBy(t => t.TenantId).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new BillingValidationException(duplicates.Select(id => new ValidationIssue("Fee.TenantTwice", [id], $"Tenant {id} appears more than once.")).ToList());
        }

        return list.Select(t => Plan(t, month, occurredAt, postedKeys, recordedBy)).ToList();
    }

    private static bool ScaledDecimalFits(decimal value) => Money.ScaledDecimal.IsRepresentable(value);
}
