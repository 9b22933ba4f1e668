namespace Prepaid.Domain.Billing;

/// <summary>How a recharge was divided between an account's electricity and water meters.</summary>
public enum RechargeSplitBasis
{
    /// <summary>The account has only one prepaid meter: it gets everything.</summary>
    SingleMeter = 0,
    /// <summary>The tenant (or cashier on the tenant's behalf) named the water amount.</summary>
    TenantChoice = 1,
    /// <summary>In proportion to each meter's consumption value of the last 30 days, within the minimum share.</summary>
    ConsumptionShare = 2,
    /// <summary>Neither meter has consumption in the last 30 days: half each.</summary>
    EqualNoHistory = 3,
    /// <summary>A meter below alarm amount 1 was first lifted to it, the rest divided by consumption.</summary>
    AlarmLift = 4,
    /// <summary>The payment could not lift every meter to alarm amount 1: divided in proportion to what each lacks.</summary>
    AlarmLiftPartial = 5,
}

/// <summary>What the split rule needs to know about the account's meters.</summary>
public sealed record RechargeSplitInput
{
    /// <summary>The recharge in yuan, whole fen, positive.</summary>
    public required decimal Amount { get; init; }
    /// <summary>Whether the account has an internally controlled electricity meter.</summary>
    public bool HasElectricityMeter { get; init; } = true;
    /// <summary>Whether the account has an internally controlled water meter.</summary>
    public bool HasWaterMeter { get; init; } = true;
    /// <summary>Value in yuan of the electricity consumed in the last 30 days (priced by the tariff), at least zero.</summary>
    public decimal ElectricityLast30DaysYuan { get; init; }
    /// <summary>Value in yuan of the water consumed in the last 30 days, at least zero.</summary>
    public decimal WaterLast30DaysYuan { get; init; }
    /// <summary>The tenant's explicit water amount (whole fen, 0 to <see cref="Amount"/>); null to use the consumption rule.</summary>
    public decimal? TenantWaterAmount { get; init; }
    /// <summary>The least share each meter gets under the consumption rule, 0 to 0.5; default 0.1.</summary>
    public decimal MinimumShare { get; init; } = RechargeSplitRule.DefaultMinimumShare;
    /// <summary>The electricity meter's remaining amount as last read, in yuan; null when unknown (no lift then).</summary>
    public decimal? ElectricityRemaining { get; init; }
    /// <summary>The water meter's remaining amount as last read, in yuan; null when unknown (no lift then).</summary>
    public decimal? WaterRemaining { get; init; }
    /// <summary>The account's alarm amount 1 (the meters warn below it); null for no lift.</summary>
    public decimal? AlarmAmount1 { get; init; }
}

/// <summary>The two amounts delivered to the meters; they sum exactly to the recharge.</summary>
/// <param name="Electricity">Yuan delivered to the electricity meter (whole fen).</param>
/// <param name="Water">Yuan delivered to the water meter (whole fen).</param>
/// <param name="WaterShare">The water share applied before rounding (8 decimals, for the receipt).</param>
/// <param name="Basis">Which branch of the rule applied.</param>
public sealed record RechargeSplit(decimal Electricity, decimal Water, decimal WaterShare, RechargeSplitBasis Basis);

/// <summary>
/// Meter billing (内控) with one account and two meters that each hold their own balance: how a recharge is
/// divided between the electricity meter and the water meter before each part is delivered with the
/// purchase-count protocol. See Domain/Billing/README.md.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>Only one of the meters present: it gets the whole amount.</item>
/// <item>The tenant named a water amount: water gets exactly that, electricity the rest.</item>
/// <item>Otherwise a meter whose remaining amount is below alarm amount 1 is first lifted to it (to the fen
/// above), so that a meter that was off and used little is not starved by the consumption rule; when the payment
/// cannot lift both, it is divided in proportion to what each lacks. A tenant's or cashier's chosen water amount
/// must then stay within <see cref="RechargeSplitRule.ChoiceLimits"/>.</item>
/// <item>The rest: the water share is water / (electricity + water) of the last 30 days' consumption value
/// (0.5 when both are zero), clamped to [minimum share, 1 - minimum share] so that neither meter is starved
/// (default minimum 10 %). Water = recharge x share rounded down to the fen (exact: no decimal division is
/// trusted without a check); electricity = recharge - water, so electricity takes the rounding fen and the
/// two parts sum exactly to the recharge.</item>
/// </list>
/// </remarks>
public static class RechargeSplitRule
{
    /// <summary>The default least share of each meter under the consumption rule.</summary>
    public const decimal DefaultMinimumShare = 0.10m;

    /// <summary>Divides the recharge between electricity and water.</summary>
    /// <exception cref="BillingValidationException">Lists every broken rule (amounts, share, no meter).</exception>
    public static RechargeSplit Split(RechargeSplitInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Validate(input);

        var amount = input.Amount;
        if (!input.HasWaterMeter)
        {
            return new RechargeSplit(amount, 0m, 0m, RechargeSplitBasis.SingleMeter);
        }

        if (!input.HasElectricityMeter)
        {
            return new RechargeSplit(0m, amount, 1m, RechargeSplitBasis.SingleMeter);
        }

        var (liftElectricity, liftWater) = Deficits(input);
        if (input.TenantWaterAmount is { } chosen)
        {
            return new RechargeSplit(amount - chosen, chosen, Display(chosen / amount), RechargeSplitBasis.TenantChoice);
        }

        var lift = liftElectricity + liftWater;
        if (lift > 0 && amount <= lift)
        {
            // Not enough to lift both: each gets what it lacks in proportion, water rounded down to the fen.
            var waterFen = FloorDivide(amount * 100m * liftWater, lift);
            var water = waterFen / 100m;
            return new RechargeSplit(amount - water, water, Display(water / amount), RechargeSplitBasis.AlarmLiftPartial);
        }

        var rest = amount - lift;
        var (restWater, share, basis) = rest == 0 ? (0m, 0m, RechargeSplitBasis.AlarmLift) : ConsumptionWater(rest, input);
        var total = liftWater + restWater;
        return new RechargeSplit(amount - total, total, lift > 0 ? Display(total / amount) : share, lift > 0 ? RechargeSplitBasis.AlarmLift : basis);
    }

    /// <summary>
    /// The least and the most water a tenant or cashier may choose: when the payment can lift both meters to alarm
    /// amount 1, the choice must leave neither below it; otherwise anything from nothing to everything.
    /// </summary>
    public static (decimal MinWater, decimal MaxWater) ChoiceLimits(RechargeSplitInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (!input.HasWaterMeter)
        {
            return (0m, 0m);
        }

        if (!input.HasElectricityMeter)
        {
            return (input.Amount, input.Amount);
        }

        var (liftElectricity, liftWater) = Deficits(input);
        return input.Amount >= liftElectricity + liftWater ? (liftWater, input.Amount - liftElectricity) : (0m, input.Amount);
    }

    /// <summary>What each meter lacks to reach alarm amount 1, rounded up to the fen; zero when unknown or not below.</summary>
    private static (decimal Electricity, decimal Water) Deficits(RechargeSplitInput input)
    {
        static decimal Lacks(decimal? alarm, decimal? remaining) =>
            alarm is { } a && remaining is { } r && r < a ? decimal.Ceiling((a - r) * 100m) / 100m : 0m;

        return (input.HasElectricityMeter ? Lacks(input.AlarmAmount1, input.ElectricityRemaining) : 0m,
            input.HasWaterMeter ? Lacks(input.AlarmAmount1, input.WaterRemaining) : 0m);
    }

    /// <summary>The water part of <paramref name="amount"/> under the consumption rule (whole fen), the share applied and the branch.</summary>
    private static (decimal Water, decimal Share, RechargeSplitBasis Basis) ConsumptionWater(decimal amount, RechargeSplitInput input)
    {
        var fen = amount * 100m;
        var total = input.ElectricityLast30DaysYuan + input.WaterLast30DaysYuan;
        var (numerator, denominator, basis) = total == 0
            ? (fen, 2m, RechargeSplitBasis.EqualNoHistory)
            : (fen * input.WaterLast30DaysYuan, total, RechargeSplitBasis.ConsumptionShare);

        // Clamp the exact quota numerator / denominator (in fen) to [fen x min, fen x (1 - min)], then floor.
        var low = fen * input.MinimumShare;
        var high = fen - low;
        if (numerator < low * denominator)
        {
            return (decimal.Floor(low) / 100m, input.MinimumShare, basis);
        }

        if (numerator > high * denominator)
        {
            return (decimal.Floor(high) / 100m, 1m - input.MinimumShare, basis);
        }

        return (FloorDivide(numerator, denominator) / 100m, Display(numerator / denominator / fen), basis);
    }

    private static decimal FloorDivide(decimal numerator, decimal denominator)
    {
        var q = decimal.Floor(numerator / denominator);
        if (q * denominator > numerator)
        {
            q -= 1;
        }
        else if ((q + 1) * denominator <= numerator)
        {
            q += 1;
        }

        return q;
    }

    private static decimal Display(decimal value) => decimal.Round(value, 8, MidpointRounding.AwayFromZero);

    private static void Validate(RechargeSplitInput input)
    {
        var errors = new List<string>();
        if (input.Amount <= 0 || input.Amount > PublicAreaSharing.MaxValue || !Fen.IsWhole(input.Amount))
        {
            errors.Add($"The recharge ({input.Amount}) must be positive, at most {PublicAreaSharing.MaxValue}, in whole fen.");
        }

        if (!input.HasElectricityMeter && !input.HasWaterMeter)
        {
            errors.Add("The account has no prepaid meter to deliver to.");
        }

        if (input.ElectricityLast30DaysYuan < 0 || input.WaterLast30DaysYuan < 0
            || input.ElectricityLast30DaysYuan > PublicAreaSharing.MaxValue || input.WaterLast30DaysYuan > PublicAreaSharing.MaxValue
            || decimal.Round(input.ElectricityLast30DaysYuan, 4) != input.ElectricityLast30DaysYuan
            || decimal.Round(input.WaterLast30DaysYuan, 4) != input.WaterLast30DaysYuan)
        {
            errors.Add("The last 30 days' consumption values must be between 0 and 1,000,000,000 yuan with at most 4 decimals.");
        }

        if (input.AlarmAmount1 is < 0m || input.ElectricityRemaining is { } e && Math.Abs(e) > PublicAreaSharing.MaxValue
            || input.WaterRemaining is { } w && Math.Abs(w) > PublicAreaSharing.MaxValue)
        {
            errors.Add("The alarm amount must not be negative and the meters' remaining amounts must be within 1,000,000,000 yuan.");
        }

        if (input.MinimumShare is < 0m or > 0.5m)
        {
            errors.Add($"The minimum share ({input.MinimumShare}) must be between 0 and 0.5.");
        }

        if (input.TenantWaterAmount is { } chosen && (chosen < 0 || chosen > input.Amount || !Fen.IsWhole(chosen)))
        {
            errors.Add($"The tenant's water amount ({chosen}) must be between 0 and the recharge, in whole fen.");
        }

        if (errors.Count == 0 && input.TenantWaterAmount is { } water && input.HasElectricityMeter && input.HasWaterMeter)
        {
            var (min, max) = ChoiceLimits(input);
            if (water < min || water > max)
            {
                errors.Add($"The chosen water amount ({water}) would leave a meter below alarm amount 1 ({input.AlarmAmount1}); choose between {min} and {max}.");
            }
        }

        if (errors.Count > 0)
        {
            throw new BillingValidationException(errors);
        }
    }
}
