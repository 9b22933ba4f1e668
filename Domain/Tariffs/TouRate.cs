namespace Prepaid.Domain.Tariffs;

/// <summary>A time-of-use rate (费率). The order matches the meters' price registers 1-4.</summary>
public enum TouRate
{
    /// <summary>Sharp (尖).</summary>
    Sharp,

    /// <summary>Peak (峰).</summary>
    Peak,

    /// <summary>Flat (平).</summary>
    Flat,

    /// <summary>Valley (谷).</summary>
    Valley,

    /// <summary>Deep valley (深谷); meters with 4 rate registers do not have it.</summary>
    DeepValley,
}
