namespace Prepaid.Domain.Tariffs;

/// <summary>The site-local calendar period over which tiered (阶梯) consumption accumulates.</summary>
public enum TierPeriod
{
    /// <summary>Accumulation restarts at local midnight on the 1st of each month.</summary>
    Monthly,

    /// <summary>Accumulation restarts at local midnight on 1 January.</summary>
    Yearly,
}
