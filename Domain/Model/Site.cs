namespace Prepaid.Domain.Model;

/// <summary>One installation: a mall with its own time zone, which defines TOU periods, days and months.</summary>
public sealed class Site
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>Display name, for example the mall's name.</summary>
    public required string Name { get; set; }
    /// <summary>IANA time zone id; the default reference site is Asia/Shanghai.</summary>
    public string TimeZoneId { get; set; } = "Asia/Shanghai";
    /// <summary>The hoarding limit (囤积上限): the largest balance a recharge may lead to, in yuan; null for none.</summary>
    public decimal? HoardingLimit { get; set; }
    /// <summary>Transformers feeding the site.</summary>
    public List<Transformer> Transformers { get; set; } = [];
    /// <summary>Electrical shafts (强电井).</summary>
    public List<Shaft> Shafts { get; set; } = [];
}

/// <summary>A distribution transformer; its low-voltage incomer is metered by a main incomer meter.</summary>
public sealed class Transformer
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The site this transformer belongs to.</summary>
    public int SiteId { get; set; }
    /// <summary>Short code such as T1.</summary>
    public required string Code { get; set; }
    /// <summary>Display name.</summary>
    public required string Name { get; set; }
    /// <summary>Rated apparent power in kVA.</summary>
    public int RatedKva { get; set; }
}

/// <summary>An electrical shaft (riser) with its data collection box; meters in it are wired to its gateway.</summary>
public sealed class Shaft
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The site this shaft belongs to.</summary>
    public int SiteId { get; set; }
    /// <summary>The transformer whose busbar feeds this shaft.</summary>
    public int? TransformerId { get; set; }
    /// <summary>Short code such as S1.</summary>
    public required string Code { get; set; }
    /// <summary>Display name.</summary>
    public required string Name { get; set; }
    /// <summary>Gateways in this shaft's collection box.</summary>
    public List<Gateway> Gateways { get; set; } = [];
}
