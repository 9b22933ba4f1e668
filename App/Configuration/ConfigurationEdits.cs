using Prepaid.Domain.Model;

namespace Prepaid.App.Configuration;

/// <summary>The site's name and time zone.</summary>
public sealed class SiteEdit
{
    public string Name { get; set; } = "";
    public string TimeZoneId { get; set; } = "Asia/Shanghai";
}

/// <summary>A shaft to create (<see cref="Id"/> null) or update.</summary>
public sealed class ShaftEdit
{
    public int? Id { get; set; }
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public int? TransformerId { get; set; }
}

/// <summary>A gateway to create or update; its TCP ports are per bus (one port per serial channel).</summary>
public sealed class GatewayEdit
{
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string Host { get; set; } = "";
    public GatewayFraming Framing { get; set; }
    public int? ShaftId { get; set; }
    public bool Enabled { get; set; } = true;
}

/// <summary>A serial bus behind a gateway.</summary>
public sealed class BusEdit
{
    public int? Id { get; set; }
    public int GatewayId { get; set; }
    public int PortNumber { get; set; } = 1;
    public int TcpPort { get; set; } = 502;
    public string Name { get; set; } = "";
    public int BaudRate { get; set; } = 9600;
    public SerialParity Parity { get; set; }
    public int ResponseTimeoutMs { get; set; } = 1000;
}

/// <summary>A meter on a bus.</summary>
public sealed class MeterEdit
{
    public int? Id { get; set; }
    public int BusId { get; set; }
    public int UnitId { get; set; } = 1;
    public string SerialNumber { get; set; } = "";
    public string Name { get; set; } = "";
    public MeterKind Kind { get; set; }
    public MeterRole Role { get; set; }
    public MeterProfile Profile { get; set; }
    public BillingMode BillingMode { get; set; }
    public int CtRatio { get; set; } = 1;
    public int PtRatio { get; set; } = 1;
    public decimal? PowerLimitKw { get; set; }
    public int PowerLimitDurationSeconds { get; set; } = 60;
    public int? TariffId { get; set; }
    public int? AccountId { get; set; }
    public int? ShaftId { get; set; }
    public int? TransformerId { get; set; }
    public PublicLoadType? PublicLoad { get; set; }
    public string? Location { get; set; }

    public static MeterEdit From(Meter m) => new()
    {
        Id = m.Id, BusId = m.BusId, UnitId = m.UnitId, SerialNumber = m.SerialNumber, Name = m.Name, Kind = m.Kind, Role = m.Role,
        Profile = m.Profile, BillingMode = m.BillingMode, CtRatio = m.CtRatio, PtRatio = m.PtRatio, PowerLimitKw = m.PowerLimitKw,
        PowerLimitDurationSeconds = m.PowerLimitDurationSeconds, TariffId = m.TariffId, AccountId = m.AccountId, ShaftId = m.ShaftId,
        TransformerId = m.TransformerId, PublicLoad = m.PublicLoad, Location = m.Location,
    };
}

/// <summary>A tenant and the number of its account (created with the tenant when it does not exist yet).</summary>
public sealed class TenantEdit
{
    public int? Id { get; set; }
    public string UnitNumber { get; set; } = "";
    public string Name { get; set; } = "";
    public string NameEn { get; set; } = "";
    public decimal LeasedAreaM2 { get; set; }
    public BusinessType BusinessType { get; set; }
    public string ContactName { get; set; } = "";
    public string Mobile { get; set; } = "";
    public string? MobileAlt { get; set; }
    public string AccountNumber { get; set; } = "";
}
