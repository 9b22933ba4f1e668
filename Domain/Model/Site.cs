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
    /// <summary>Alarm amount 1 (yuan) a new account starts with; null for the built-in <see cref="AccountDefaults.AlarmAmount1"/>.</summary>
    public decimal? NewAccountAlarmAmount1 { get; set; }
    /// <summary>Alarm amount 2 (yuan) a new account starts with; null for the built-in <see cref="AccountDefaults.AlarmAmount2"/>.</summary>
    public decimal? NewAccountAlarmAmount2 { get; set; }
    /// <summary>Overdraft allowance (yuan) a new account starts with; null for the built-in <see cref="AccountDefaults.OverdraftLimit"/>.</summary>
    public decimal? NewAccountOverdraftLimit { get; set; }
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

/// <summary>
/// The alarm amounts and overdraft allowance a new account starts with, in yuan: the site's own defaults where set,
/// otherwise the built-in ones.
/// </summary>
/// <param name="AlarmAmount1">First (higher) alarm amount.</param>
/// <param name="AlarmAmount2">Second (lower) alarm amount.</param>
/// <param name="OverdraftLimit">How far the balance may go below zero before the supply is cut.</param>
public sealed record AccountDefaults(decimal AlarmAmount1, decimal AlarmAmount2, decimal OverdraftLimit)
{
    /// <summary>The built-in defaults: alarms at 100 and 30 yuan, no overdraft.</summary>
    public static readonly AccountDefaults BuiltIn = new(100m, 30m, 0m);

    /// <summary>The defaults of <paramref name="site"/> (the built-in ones where it sets none, or when there is no site).</summary>
    public static AccountDefaults Of(Site? site) => new(
        site?.NewAccountAlarmAmount1 ?? BuiltIn.AlarmAmount1,
        site?.NewAccountAlarmAmount2 ?? BuiltIn.AlarmAmount2,
        site?.NewAccountOverdraftLimit ?? BuiltIn.OverdraftLimit);

    /// <summary>Gives <paramref name="account"/> these amounts.</summary>
    public void ApplyTo(Account account)
    {
        account.AlarmAmount1 = AlarmAmount1;
        account.AlarmAmount2 = AlarmAmount2;
        account.OverdraftLimit = OverdraftLimit;
    }
}
