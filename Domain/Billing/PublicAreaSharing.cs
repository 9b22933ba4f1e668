namespace Prepaid.Domain.Billing;

/// <summary>
/// Public-area sharing (公摊): shares the public-area cost of a period among tenants by a stated key, exactly
/// to the fen, with each tenant's basis returned for display: the charge must be transparent, never hidden in a unit price.
/// </summary>
/// <remarks>
/// <para>Net pool = pool - loss allowance (both whole fen, 0 &lt;= allowance &lt;= pool).</para>
/// <para>Rounding (largest remainder, to the fen): each tenant's exact amount is net pool x key value / sum
/// of key values. Every tenant first gets its exact amount rounded down to the fen; the fen still missing
/// to reach the net pool (fewer than the number of tenants) go one each to the tenants with the largest
/// dropped fraction; ties go to the larger key value (the larger share) first, then to the smaller tenant
/// id. So the parts sum exactly to the net pool, each part is within one fen of its exact amount, and the
/// result does not depend on the order of the participants.</para>
/// <para>Fixed fee: each tenant pays its fee (whole fen) and nothing is rounded; the net pool minus the
/// fees is returned as <see cref="SharingResult.Unallocated"/> (negative when the fees exceed the pool).</para>
/// </remarks>
public static class PublicAreaSharing
{
    /// <summary>The largest pool, loss allowance or key value accepted (keeps every product exact in decimal).</summary>
    public const decimal MaxValue = 1_000_000_000m;

    /// <summary>Shares <paramref name="pool"/> among <paramref name="participants"/> by <paramref name="key"/>.</summary>
    /// <param name="key">The sharing key.</param>
    /// <param name="pool">Public-area cost of the period in yuan, whole fen, at least zero.</param>
    /// <param name="participants">The tenants with their key values; at least one, tenant ids unique.</param>
    /// <param name="lossAllowance">Agreed loss allowance in yuan deducted from the pool, whole fen.</param>
    /// <exception cref="BillingValidationException">Lists every broken rule: negative or over-precise amounts,
    /// no or duplicate participants, fixed ratios not summing to exactly 1, keys summing to zero.</exception>
    public static SharingResult Allocate(
        SharingKey key, decimal pool, IReadOnlyList<SharingParticipant> participants, decimal lossAllowance = 0m)
    {
        ArgumentNullException.ThrowIfNull(participants);
        var errors = Validate(key, pool, participants, lossAllowance);
        if (errors.Count > 0)
        {
            throw new BillingValidationException(errors.Issues);
        }

        var netPool = pool - lossAllowance;
        if (key == SharingKey.FixedFee)
        {
            var totalFees = participants.Sum(p => p.KeyValue);
            var feeParts = participants
                .Select(p => new SharingPart(
                    p.TenantId, p.KeyValue, totalFees == 0 ? 0m : Display(p.KeyValue / totalFees), p.KeyValue, p.KeyValue))
                .ToArray();
            return new SharingResult(key, pool, lossAllowance, netPool, feeParts, netPool - totalFees);
        }

        var weights = participants.Select(p => key == SharingKey.EqualSplit ? 1m : p.KeyValue).ToArray();
        var sum = weights.Sum();
        var fen = LargestRemainder.Split(netPool * 100m, weights, participants.Select(p => p.TenantId).ToArray());
        var parts = new SharingPart[participants.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = new SharingPart(
                participants[i].TenantId,
                weights[i],
                Display(weights[i] / sum),
                Display(netPool * weights[i] / sum),
                fen[i] / 100m);
        }

        return new SharingResult(key, pool, lossAllowance, netPool, parts, 0m);
    }

    /// <summary>A loss allowance given as a rate of the pool (0 to 1), rounded to the fen half away from zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The rate is outside 0 to 1 or the pool is negative.</exception>
    public static decimal LossAllowanceFromRate(decimal pool, decimal rate)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(pool);
        if (rate is < 0m or > 1m)
        {
            throw new ArgumentOutOfRangeException(nameof(rate), rate, "The loss allowance rate must be between 0 and 1.");
        }

        return Fen.Round(pool * rate);
    }

    private static decimal Display(decimal value) => decimal.Round(value, 8, MidpointRounding.AwayFromZero);

    private static IssueList Validate(
        SharingKey key, decimal pool, IReadOnlyList<SharingParticipant> participants, decimal lossAllowance)
    {
        var errors = new IssueList();
        if (!Enum.IsDefined(key))
        {
            errors.Add("Sharing.UnknownKey", $"Unknown sharing key {key}.", key);
        }

        if (pool < 0 || pool > MaxValue || !Fen.IsWhole(pool))
        {
            errors.Add("Sharing.BadPool", $"The pool ({pool}) must be between 0 and {MaxValue} yuan in whole fen.", pool, MaxValue);
        }

        if (lossAllowance < 0 || !Fen.IsWhole(lossAllowance))
        {
            errors.Add("Sharing.BadLoss", $"The loss allowance ({lossAllowance}) must be zero or positive in whole fen.", lossAllowance);
        }
        else if (lossAllowance > pool && pool >= 0)
        {
            errors.Add("Sharing.LossOverPool", $"The loss allowance ({lossAllowance}) exceeds the pool ({pool}).", lossAllowance, pool);
        }

        if (participants.Count == 0)
        {
            errors.Add("Sharing.NoTenants", "There are no tenants to share among.");
            return errors;
        }

        foreach (var duplicate in participants.GroupBy(p => p.TenantId).Where(g => g.Count() > 1))
        {
            errors.Add("Sharing.TenantTwice", $"Tenant {duplicate.Key} takes part more than once.", duplicate.Key);
        }

        if (key == SharingKey.EqualSplit)
        {
            return errors;
        }

        var badValue = false;
        foreach (var p in participants)
        {
            if (p.KeyValue < 0 || p.KeyValue > MaxValue || decimal.Round(p.KeyValue, 6) != p.KeyValue)
            {
                errors.Add("Sharing.BadKeyValue", $"Tenant {p.TenantId}: the key value ({p.KeyValue}) must be between 0 and {MaxValue} with at most 6 decimals.", p.TenantId, p.KeyValue, MaxValue);
                badValue = true;
            }
            else if (key == SharingKey.FixedFee && !Fen.IsWhole(p.KeyValue))
            {
                errors.Add("Sharing.FeeNotFen", $"Tenant {p.TenantId}: the fixed fee ({p.KeyValue}) must be in whole fen.", p.TenantId, p.KeyValue);
                badValue = true;
            }
        }

        if (badValue)
        {
            return errors;
        }

        var sum = participants.Sum(p => p.KeyValue);
        if (key == SharingKey.FixedRatio && sum != 1m)
        {
            errors.Add("Sharing.RatiosNotOne", $"The fixed ratios sum to {sum}, not exactly 1.", sum);
        }
        else if (key is SharingKey.LeasedArea or SharingKey.Consumption && sum == 0)
        {
            errors.Add("Sharing.KeysZero", "The key values sum to zero: there is no basis to share by.");
        }

        return errors;
    }
}
