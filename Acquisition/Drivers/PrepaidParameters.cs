namespace Prepaid.Acquisition.Drivers;

/// <summary>The prepaid parameters a meter holds (block 0x0400 on the electricity profile).</summary>
public sealed record PrepaidParameters
{
    /// <summary>Prepaid control on.</summary>
    public required bool Enabled { get; init; }

    /// <summary>Purchase count.</summary>
    public required int PurchaseCount { get; init; }

    /// <summary>Prices in yuan per unit.</summary>
    public required MeterPrices Prices { get; init; }

    /// <summary>Alarm amount 1 in yuan.</summary>
    public required decimal AlarmAmount1 { get; init; }

    /// <summary>Alarm amount 2 in yuan.</summary>
    public required decimal AlarmAmount2 { get; init; }

    /// <summary>Overdraft limit in yuan.</summary>
    public required decimal OverdraftLimit { get; init; }

    /// <summary>Total purchased in yuan.</summary>
    public required decimal TotalPurchased { get; init; }

    /// <summary>Remaining amount in yuan.</summary>
    public required decimal Remaining { get; init; }
}
