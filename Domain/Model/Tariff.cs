namespace Prepaid.Domain.Model;

/// <summary>A named price plan for electricity or water; its prices live in dated versions, never in code.</summary>
public sealed class Tariff
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The site the plan belongs to.</summary>
    public int SiteId { get; set; }
    /// <summary>Short code, unique per site, used by spreadsheet import.</summary>
    public required string Code { get; set; }
    /// <summary>Display name.</summary>
    public required string Name { get; set; }
    /// <summary>Whether the plan prices kWh or m3.</summary>
    public MeterKind Commodity { get; set; }
    /// <summary>Dated versions; the one valid on a site-local date applies.</summary>
    public List<TariffVersion> Versions { get; set; } = [];
}

/// <summary>One version of a price plan, valid from a site-local date until the next version.</summary>
public sealed class TariffVersion
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The plan this version belongs to.</summary>
    public int TariffId { get; set; }
    /// <summary>First site-local day on which this version applies.</summary>
    public DateOnly ValidFrom { get; set; }
    /// <summary>The plan (rates, day schedules, seasons, tiers) as JSON understood by the tariff engine.</summary>
    public required string PlanJson { get; set; }
    /// <summary>When the version was recorded.</summary>
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Who recorded it.</summary>
    public required string CreatedBy { get; set; }
}
