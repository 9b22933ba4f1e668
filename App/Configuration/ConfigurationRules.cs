using System.Globalization;
using Prepaid.Domain.Model;

using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration;

/// <summary>
/// The rules every configuration value obeys, whether it comes from a page or a spreadsheet. Field names are the
/// template's column names, so that an error points at the same place in both.
/// </summary>
public static class ConfigurationRules
{
    /// <summary>The speeds of the meters we know: 1200 to 38400 baud.</summary>
    public static readonly IReadOnlyList<int> BaudRates = [1200, 2400, 4800, 9600, 19200, 38400];

    public const int MinUnitId = 1, MaxUnitId = 247;
    public const int MaxSerialPort = 32;
    public const int MinTimeoutMs = 50, MaxTimeoutMs = 10_000;
    public const int MaxCtRatio = 10_000, MaxPtRatio = 1_000;
    public const decimal MaxPowerLimitKw = 10_000m;

    public static IEnumerable<ConfigurationError> Check(ShaftEdit s)
    {
        foreach (var e in Text("Code", s.Code, 32)) yield return e;
        foreach (var e in Text("Name", s.Name, 200)) yield return e;
    }

    public static IEnumerable<ConfigurationError> Check(GatewayEdit g)
    {
        foreach (var e in Text("Name", g.Name, 100)) yield return e;
        foreach (var e in Text("Host", g.Host, 253)) yield return e;
        if (!string.IsNullOrWhiteSpace(g.Host) && Uri.CheckHostName(g.Host.Trim()) == UriHostNameType.Unknown)
        {
            yield return new("Host", "BadHost", g.Host);
        }

        if (!Enum.IsDefined(g.Framing)) yield return new("Framing", "NotInSet", Names<GatewayFraming>(), g.Framing);
    }

    public static IEnumerable<ConfigurationError> Check(BusEdit b)
    {
        foreach (var e in Text("Name", b.Name, 100)) yield return e;
        if (b.PortNumber is < 1 or > MaxSerialPort) yield return new("Port", "Range", 1, MaxSerialPort, b.PortNumber);
        if (b.TcpPort is < 1 or > 65535) yield return new("TcpPort", "Range", 1, 65535, b.TcpPort);
        if (!BaudRates.Contains(b.BaudRate)) yield return new("Baud", "NotInSet", string.Join(", ", BaudRates), b.BaudRate);
        if (!Enum.IsDefined(b.Parity)) yield return new("Parity", "NotInSet", Names<SerialParity>(), b.Parity);
        if (b.ResponseTimeoutMs is < MinTimeoutMs or > MaxTimeoutMs) yield return new("TimeoutMs", "Range", MinTimeoutMs, MaxTimeoutMs, b.ResponseTimeoutMs);
    }

    /// <summary>The meter's own values; <paramref name="tariff"/> is the referenced plan, if any, for its commodity.</summary>
    public static IEnumerable<ConfigurationError> Check(MeterEdit m, Tariff? tariff)
    {
        if (m.UnitId is < MinUnitId or > MaxUnitId) yield return new("Address", "Range", MinUnitId, MaxUnitId, m.UnitId);
        foreach (var e in Text("Serial", m.SerialNumber, 64)) yield return e;
        foreach (var e in Text("Name", m.Name, 200)) yield return e;
        if (m.Location is { Length: > 200 }) yield return new("Location", "TooLong", 200);
        if (!Enum.IsDefined(m.Kind)) yield return new("Kind", "NotInSet", Names<MeterKind>(), m.Kind);
        if (!Enum.IsDefined(m.Role)) yield return new("Role", "NotInSet", Names<MeterRole>(), m.Role);
        if (!Enum.IsDefined(m.Profile)) yield return new("Profile", "NotInSet", Names<MeterProfile>(), m.Profile);
        if (!Enum.IsDefined(m.BillingMode)) yield return new("Billing", "NotInSet", Names<BillingMode>(), m.BillingMode);
        if (m.CtRatio is < 1 or > MaxCtRatio) yield return new("CT", "Range", 1, MaxCtRatio, m.CtRatio);
        if (m.PtRatio is < 1 or > MaxPtRatio) yield return new("PT", "Range", 1, MaxPtRatio, m.PtRatio);
        if (m.PowerLimitKw is { } limit)
        {
            if (limit <= 0 || limit > MaxPowerLimitKw) yield return new("PowerLimitKw", "Range", 0.001m, MaxPowerLimitKw, limit);
            if (limit.Scale > 3 && decimal.Round(limit, 3) != limit) yield return new("PowerLimitKw", "Decimals", 3, limit);
        }

        if (m.PowerLimitDurationSeconds is < 1 or > 3600) yield return new("PowerLimitSeconds", "Range", 1, 3600, m.PowerLimitDurationSeconds);
        if (!Enum.IsDefined(m.Kind) || !Enum.IsDefined(m.Role) || !Enum.IsDefined(m.Profile))
        {
            yield break;
        }

        var water = m.Profile == MeterProfile.PrepaidWater;
        if (water != (m.Kind == MeterKind.Water)) yield return new("Profile", "ProfileKind", m.Profile, m.Kind);
        MeterProfile[] fits = m.Role switch
        {
            MeterRole.Tenant => [MeterProfile.PrepaidSinglePhase, MeterProfile.PrepaidThreePhase, MeterProfile.PrepaidWater],
            MeterRole.PublicArea => [MeterProfile.PublicArea],
            _ => [MeterProfile.MainIncomer],
        };
        if (!fits.Contains(m.Profile)) yield return new("Profile", "ProfileRole", m.Role, fits, m.Profile);
        var prepaid = m.Profile is MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase or MeterProfile.PrepaidWater;
        if (m.BillingMode == BillingMode.Meter && !prepaid) yield return new("Billing", "BillingProfile", m.Profile);
        if (m.Role == MeterRole.Tenant && m.AccountId is null) yield return new("Account", "AccountNeeded");
        if (m.Role != MeterRole.Tenant && m.AccountId is not null) yield return new("Account", "AccountNotAllowed", m.Role);
        if (m.PublicLoad is not null && m.Role != MeterRole.PublicArea) yield return new("PublicLoad", "OnlyFor", MeterRole.PublicArea);
        if (m.PublicLoad is { } load && !Enum.IsDefined(load)) yield return new("PublicLoad", "NotInSet", Names<PublicLoadType>(), load);
        if (m.TransformerId is not null && m.Role != MeterRole.MainIncomer) yield return new("Transformer", "OnlyFor", MeterRole.MainIncomer);
        if (tariff is not null && tariff.Commodity != m.Kind) yield return new("Tariff", "TariffCommodity", tariff.Code, tariff.Commodity, m.Kind);
    }

    public static IEnumerable<ConfigurationError> Check(TenantEdit t)
    {
        foreach (var e in Text("Unit", t.UnitNumber, 32)) yield return e;
        foreach (var e in Text("Name", t.Name, 200)) yield return e;
        foreach (var e in Text("NameEn", t.NameEn, 200)) yield return e;
        foreach (var e in Text("Contact", t.ContactName, 100)) yield return e;
        foreach (var e in Text("Account", t.AccountNumber, 32)) yield return e;
        if (t.LeasedAreaM2 is < 0 or > 1_000_000m) yield return new("AreaM2", "Range", 0, 1_000_000, t.LeasedAreaM2);
        if (decimal.Round(t.LeasedAreaM2, 2) != t.LeasedAreaM2) yield return new("AreaM2", "Decimals", 2, t.LeasedAreaM2);
        if (!Enum.IsDefined(t.BusinessType)) yield return new("Business", "NotInSet", Names<BusinessType>(), t.BusinessType);
        if (!IsMobile(t.Mobile)) yield return string.IsNullOrWhiteSpace(t.Mobile) ? new("Mobile", "Required") : new("Mobile", "BadMobile", t.Mobile);
        if (!string.IsNullOrWhiteSpace(t.MobileAlt) && !IsMobile(t.MobileAlt)) yield return new("MobileAlt", "BadMobile", t.MobileAlt);
    }

    /// <summary>The allowed names of an enum, as the template writes them.</summary>
    public static string Names<T>() where T : struct, Enum => string.Join(", ", Enum.GetNames<T>());

    private static bool IsMobile(string? value) =>
        value is { Length: >= 5 and <= 32 } v && v.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ') && v.Count(char.IsAsciiDigit) >= 5;

    private static IEnumerable<ConfigurationError> Text(string field, string? value, int max)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            yield return new(field, "Required");
        }
        else if (value.Trim().Length > max)
        {
            yield return new(field, "TooLong", max);
        }
    }

    internal static string Invariant(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
