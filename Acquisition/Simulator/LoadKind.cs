namespace Prepaid.Acquisition.Simulator;

/// <summary>What drives a simulated meter's demand.</summary>
public enum LoadKind
{
    /// <summary>No demand (spare meter).</summary>
    None,

    /// <summary>A tenant's business (see <see cref="MeterLoad.Business"/>).</summary>
    Tenant,

    /// <summary>A public-area load (see <see cref="MeterLoad.PublicLoad"/>).</summary>
    Public,

    /// <summary>A main incomer: the sum of the site's other electricity meters plus losses.</summary>
    MainIncomer,
}
