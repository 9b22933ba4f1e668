namespace Prepaid.Domain.Tariffs;

/// <summary>What a price plan sells.</summary>
public enum Commodity
{
    /// <summary>Electricity, priced per kWh.</summary>
    Electricity,

    /// <summary>Water, priced per m3.</summary>
    Water,
}
