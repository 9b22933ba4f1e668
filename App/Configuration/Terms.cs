using Prepaid.Domain.Tariffs;

using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration;

/// <summary>The words configuration errors use as arguments, each with its resource <c>Config.Term.{Key}</c>.</summary>
public static class Terms
{
    public static readonly Term Tariff = new("Tariff", "tariff");
    public static readonly Term TariffVersion = new("TariffVersion", "tariff version");
    public static readonly Term Account = new("Account", "account");
    public static readonly Term OpenAccount = new("OpenAccount", "open account");
    public static readonly Term Tenant = new("Tenant", "tenant");
    public static readonly Term MeterNoun = new("Meter", "meter");
    public static readonly Term Shaft = new("Shaft", "shaft");
    public static readonly Term Transformer = new("Transformer", "transformer");
    public static readonly Term Gateway = new("Gateway", "gateway");
    public static readonly Term Bus = new("Bus", "bus");
    public static readonly Term TimeZone = new("TimeZone", "time zone");
    public static readonly Term AnotherTariff = new("AnotherTariff", "another tariff");
    public static readonly Term AnotherTenant = new("AnotherTenant", "another tenant");
    public static readonly Term AnotherShaft = new("AnotherShaft", "another shaft");
    public static readonly Term AnotherGateway = new("AnotherGateway", "another gateway");
    public static readonly Term AnotherBus = new("AnotherBus", "another bus");
    public static readonly Term BusOfAnotherGateway = new("BusOfAnotherGateway", "a bus of another gateway");
    public static readonly Term MeterHasHistory = new("MeterHasHistory", "it has readings or commands");
    public static readonly Term TenantHasHistory = new("TenantHasHistory", "its account has meters or ledger entries");
    public static readonly Term ShaftInUse = new("ShaftInUse", "gateways or meters are in it");
    public static readonly Term GatewayInUse = new("GatewayInUse", "it has buses");
    public static readonly Term BusInUse = new("BusInUse", "meters are on it");

    public static Term Meter(string name) => new("MeterNamed", "meter '{0}'", name);

    public static Term MeterWithSerial(string name, string serial) => new("MeterWithSerial", "meter '{0}' ({1})", name, serial);

    public static Term AddressOnThisBus(int address) => new("AddressOnThisBus", "address {0} on this bus", address);

    public static Term AddressOnPort(int address, string gateway, int port) => new("AddressOnPort", "address {0} on {1} port {2}", address, gateway, port);

    public static Term GatewayPort(string gateway, int port) => new("GatewayPort", "{0} port {1}", gateway, port);

    public static Term RatePrice(TouRate rate) => new("RatePrice", "Rate {0}", rate);

    public static Term Segment(string day, int number) => new("Segment", "'{0}' segment {1}", day, number);

    public static Term SeasonFrom(string season) => new("SeasonFrom", "'{0}' from", season);

    public static Term SeasonTo(string season) => new("SeasonTo", "'{0}' to", season);
}
