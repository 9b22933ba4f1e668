namespace Prepaid.App.Kernel.Contracts;

/// <summary>The period a loss row covers.</summary>
public enum LossPeriod
{
    /// <summary>A site-local day.</summary>
    Day = 0,
    /// <summary>A site-local month.</summary>
    Month = 1,
}

/// <summary>
/// Loss of one transformer (or of the whole site when <see cref="TransformerId"/> is null) in one period:
/// main incomer energy minus the sum of the electricity sub-meters it feeds (shop and public-area meters in
/// the shafts on its busbar). Energies are primary-side kWh from the 15-minute interval energy.
/// </summary>
/// <param name="LossPercent">Loss / incomer x 100, rounded to 2 decimals half away from zero; null when the incomer measured nothing.</param>
public sealed record LossRow(
    LossPeriod Period,
    DateOnly PeriodStart,
    int? TransformerId,
    string Scope,
    decimal IncomerKwh,
    decimal SubMetersKwh,
    decimal LossKwh,
    decimal? LossPercent,
    int IncomerMeters,
    int SubMeters)
{
    /// <summary>Loss as a percentage of the incomer energy.</summary>
    public static decimal? Percent(decimal incomerKwh, decimal lossKwh) =>
        incomerKwh == 0 ? null : decimal.Round(lossKwh * 100m / incomerKwh, 2, MidpointRounding.AwayFromZero);
}
