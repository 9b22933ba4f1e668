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
/// <item>Otherwise the water share is water / (electricity + water) of the last 30 days' consumption value
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

        if (input.TenantWaterAmount is { } chosen)
        {
            return new RechargeSplit(amount - chosen, chosen, Display(chosen / amount), RechargeSplitBasis.TenantChoice);
        }

        var fen = amount * 100m;
        var total = input.ElectricityLast30DaysYuan + input.WaterLast30DaysYuan;
        var (numerator, denominator, basis) = total == 0
            ? (fen, 2m, RechargeSplitBasis.EqualNoHistory)
            : (fen * input.WaterLast30DaysYuan, total, RechargeSplitBasis.ConsumptionShare);

        // Clamp the exact quota numerator / denominator (in fen) to [fen x min, fen x (1 - min)], then floor.
        var low = fen * input.MinimumShare;
        var high = fen - low;
        decimal waterFen;
        decimal share;
        if (numerator < low * denominator)
        {
            waterFen = decimal.Floor(low);
            share = input.MinimumShare;
        }
        else if (numerator > high * denominator)
        {
            waterFen = decimal.Floor(high);
            share = 1m - input.MinimumShare;
        }
        else
        {
            waterFen = FloorDivide(numerator, denominator);
            share = Display(numerator / denominator / fen);
        }

        var water = waterFen / 100m;
        return new RechargeSplit(amount - water, water, share, basis);
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

        if (input.MinimumShare is < 0m or > 0.5m)
        {
            errors.Add($"The minimum share ({input.MinimumShare}) must be between 0 and 0.5.");
        }

        if (input.TenantWaterAmount is { } chosen && (chosen < 0 || chosen > input.Amount || !Fen.IsWhole(chosen)))
        {
            errors.Add($"The tenant's water amount ({chosen}) must be between 0 and the recharge, in whole fen.");
        }

        if (errors.Count > 0)
        {
            throw new BillingValidationException(errors);
        }
    }
}
