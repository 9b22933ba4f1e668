using Prepaid.Domain.Model;
using static Prepaid.App.Demo.DemoNames;

namespace Prepaid.App.Demo;

/// <summary>
/// Builds the reference mall (Domain/README.md, "The site and its model") from a fixed seed: 5 shafts with one gateway each,
/// 300 shop meters (280 single-phase, 20 three-phase), 50 public-area meters, 2 main incomers and 30
/// food-court water meters. Same seed, same mall.
/// </summary>
internal sealed class DemoMallGenerator(DemoOptions options, DateTimeOffset now)
{
    // Per shaft: shop meters, water meters, and whether the main incomers are wired here (the LV room side).
    private static readonly (int Shops, int Water, bool Incomers, GatewayFraming Framing, int Buses)[] ShaftPlan =
    [
        (48, 0, true, GatewayFraming.ModbusTcp, 2),
        (74, 0, false, GatewayFraming.RtuOverTcp, 3),
        (62, 15, false, GatewayFraming.ModbusTcp, 3),
        (66, 15, false, GatewayFraming.RtuOverTcp, 3),
        (50, 0, false, GatewayFraming.ModbusTcp, 2),
    ];

    private static readonly PublicLoadType[] PublicLoads =
    [
        PublicLoadType.Lighting, PublicLoadType.Lighting, PublicLoadType.Lighting, PublicLoadType.Lift,
        PublicLoadType.Escalator, PublicLoadType.Escalator, PublicLoadType.Hvac, PublicLoadType.Hvac,
        PublicLoadType.Pump, PublicLoadType.Lift,
    ];

    private readonly Random _random = new(options.RandomSeed);
    private readonly HashSet<string> _usedNames = [];
    private readonly Dictionary<string, int> _feedersByUnit = [];
    private int _serial;

    public DemoMall Generate()
    {
        var site = new Site { Name = "都匀世纪广场 Duyun Century Plaza", TimeZoneId = "Asia/Shanghai" };
        Transformer[] transformers =
        [
            new() { Code = "T1", Name = "1# 1250 kVA", RatedKva = 1250 },
            new() { Code = "T2", Name = "2# 1250 kVA", RatedKva = 1250 },
        ];
        var shafts = ShaftPlan.Select((plan, i) => CreateShaft(i, plan.Framing, plan.Buses)).ToList();
        var tenants = new List<DemoTenant>();
        var shops = CreateShopTenants(tenants);
        var meters = new List<DemoMeter>();
        // Food-court stalls sit together on L4 near the shafts that carry the water risers; the rest is mixed.
        var stallQueue = new Queue<int>(shops.Where(x => tenants[x.TenantIndex].Tenant.BusinessType == BusinessType.FoodCourt).Select(x => x.TenantIndex));
        var shopQueue = new Queue<(int TenantIndex, bool ThreePhase)>(shops.Where(x => tenants[x.TenantIndex].Tenant.BusinessType != BusinessType.FoodCourt));

        for (var s = 0; s < ShaftPlan.Length; s++)
        {
            var plan = ShaftPlan[s];
            var shaftMeters = new List<(Meter Meter, int? Tenant, DemoTariff? Tariff, int? Transformer, bool InShaft)>();
            if (plan.Incomers)
            {
                for (var t = 0; t < transformers.Length; t++)
                {
                    shaftMeters.Add((Incomer(transformers[t]), null, null, t, false));
                }
            }

            var stalls = Enumerable.Range(0, plan.Water).Select(_ => stallQueue.Dequeue()).ToList();
            foreach (var stall in stalls)
            {
                shaftMeters.Add((ShopMeter(tenants[stall].Tenant, threePhase: false), stall, DemoTariff.ElectricityTou, null, true));
            }

            for (var i = stalls.Count; i < plan.Shops; i++)
            {
                var (tenantIndex, threePhase) = shopQueue.Dequeue();
                shaftMeters.Add((ShopMeter(tenants[tenantIndex].Tenant, threePhase), tenantIndex, DemoTariff.ElectricityTou, null, true));
            }

            for (var i = 0; i < PublicLoads.Length; i++)
            {
                shaftMeters.Add((PublicMeter(s, i, PublicLoads[i]), null, DemoTariff.ElectricityTou, null, true));
            }

            // Each stall's water meter shares the stall's account with its electricity meter.
            foreach (var stall in stalls)
            {
                shaftMeters.Add((WaterMeter(tenants[stall].Tenant), stall, DemoTariff.WaterTiered, null, true));
            }

            // Spread the meters over the shaft's buses in order, unit ids from 1, about 30 per segment.
            var buses = shafts[s].Gateway.Buses;
            var perBus = (int)Math.Ceiling(shaftMeters.Count / (double)buses.Count);
            for (var i = 0; i < shaftMeters.Count; i++)
            {
                var bus = buses[i / perBus];
                var m = shaftMeters[i];
                m.Meter.UnitId = (i % perBus) + 1;
                meters.Add(new DemoMeter(m.Meter, m.InShaft ? s : null, bus, m.Tenant, m.Tariff, m.Transformer));
            }
        }

        if (shopQueue.Count != 0 || stallQueue.Count != 0)
        {
            throw new InvalidOperationException("The shaft plan does not place every shop meter.");
        }

        return new DemoMall(site, transformers, shafts, tenants, meters);
    }

    private DemoShaft CreateShaft(int index, GatewayFraming framing, int busCount)
    {
        var shaft = new Shaft { Code = $"S{index + 1}", Name = $"{index + 1}# 强电井 Shaft {index + 1}" };
        var gateway = new Gateway
        {
            Name = $"GW-S{index + 1}",
            Host = options.GatewayHost,
            Framing = framing,
        };
        for (var p = 1; p <= busCount; p++)
        {
            gateway.Buses.Add(new Bus
            {
                Name = $"S{index + 1}-COM{p}",
                PortNumber = p,
                TcpPort = options.FirstPort + (10 * index) + p,
                BaudRate = 9600,
                Parity = SerialParity.None,
                ResponseTimeoutMs = 1000,
            });
        }

        return new DemoShaft(shaft, index < 3 ? 0 : 1, gateway);
    }

    /// <summary>Creates 294 tenants; returns one entry per shop meter, shuffled so shafts get a mix.</summary>
    private List<(int TenantIndex, bool ThreePhase)> CreateShopTenants(List<DemoTenant> tenants)
    {
        var meters = new List<(int, bool)>();
        void Add(Tenant tenant, int threePhaseMeters, int singlePhaseMeters)
        {
            tenants.Add(new DemoTenant(tenant, CreateAccount(tenants.Count + 1, tenant), OpeningBalance(tenant)));
            meters.AddRange(Enumerable.Repeat((tenants.Count - 1, true), threePhaseMeters));
            meters.AddRange(Enumerable.Repeat((tenants.Count - 1, false), singlePhaseMeters));
        }

        Add(Anchor("星光超市", "Starlight Supermarket", "B1-001", 6800m, BusinessType.Supermarket), 4, 0);
        Add(Anchor("世纪影城", "Century Cinemas", "L5-001", 3200m, BusinessType.Cinema), 3, 0);
        Add(Anchor("麦乐迪KTV", "Melody KTV", "L5-002", 1500m, BusinessType.Ktv), 2, 0);
        for (var i = 0; i < 11; i++)
        {
            Add(Shop(BusinessType.Restaurant, $"L4-{i + 1:D3}", 220m, 600m), 1, 0);
        }

        for (var i = 0; i < 30; i++)
        {
            Add(Shop(BusinessType.FoodCourt, $"L4-F{i + 1:D2}", 12m, 25m), 0, 1);
        }

        BusinessType[] smallKinds = [BusinessType.Retail, BusinessType.Retail, BusinessType.Retail, BusinessType.Retail, BusinessType.Cafe, BusinessType.Service];
        var perFloor = new int[4];
        for (var i = 0; i < 250; i++)
        {
            var floor = i % 4;
            perFloor[floor]++;
            var kind = smallKinds[_random.Next(smallKinds.Length)];
            Add(Shop(kind, $"L{floor + 1}-{perFloor[floor] + 100:D3}", 20m, 180m), 0, 1);
        }

        // Shuffle (Fisher-Yates on the seeded generator) so each shaft serves a mix of tenants.
        for (var i = meters.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (meters[i], meters[j]) = (meters[j], meters[i]);
        }

        return meters;
    }

    private Tenant Anchor(string zh, string en, string unit, decimal area, BusinessType type) =>
        NewTenant(zh, en, unit, area, type);

    private Tenant Shop(BusinessType type, string unit, decimal minArea, decimal maxArea)
    {
        var kinds = type switch
        {
            BusinessType.Restaurant => RestaurantKinds,
            BusinessType.FoodCourt => FoodCourtKinds,
            BusinessType.Cafe => CafeKinds,
            BusinessType.Service => ServiceKinds,
            _ => RetailKinds,
        };
        string zh, en;
        do
        {
            var stem = Stems[_random.Next(Stems.Length)];
            var kind = kinds[_random.Next(kinds.Length)];
            zh = stem.Zh + kind.Zh;
            en = $"{stem.En} {kind.En}";
        }
        while (!_usedNames.Add(zh));

        var area = minArea + Math.Round((maxArea - minArea) * _random.Next(0, 10001) / 10000m, 2);
        return NewTenant(zh, en, unit, area, type);
    }

    private Tenant NewTenant(string zh, string en, string unit, decimal area, BusinessType type) => new()
    {
        Name = zh,
        NameEn = en,
        UnitNumber = unit,
        LeasedAreaM2 = area,
        BusinessType = type,
        ContactName = Surnames[_random.Next(Surnames.Length)] + GivenNames[_random.Next(GivenNames.Length)],
        Mobile = Mobile(),
        MobileAlt = _random.Next(4) == 0 ? Mobile() : null,
    };

    private string Mobile() => $"{MobilePrefixes[_random.Next(MobilePrefixes.Length)]}{_random.Next(0, 10000):D4}{_random.Next(0, 10000):D4}";

    private Account CreateAccount(int number, Tenant tenant)
    {
        var large = tenant.BusinessType is BusinessType.Supermarket or BusinessType.Cinema or BusinessType.Ktv or BusinessType.Restaurant;
        return new Account
        {
            Number = $"A{number:D6}",
            OpenedAt = now.AddDays(-_random.Next(90, 900)),
            AlarmAmount1 = large ? 1000m : 100m,
            AlarmAmount2 = large ? 300m : 30m,
            OverdraftLimit = large ? 500m : 0m,
        };
    }

    /// <summary>About 5 % empty, 10 % under the second alarm amount, 10 % under the first, the rest comfortable.</summary>
    private decimal OpeningBalance(Tenant tenant)
    {
        var roll = _random.Next(100);
        var large = tenant.BusinessType is BusinessType.Supermarket or BusinessType.Cinema or BusinessType.Ktv or BusinessType.Restaurant;
        decimal Yuan(int minFen, int maxFen) => _random.Next(minFen, maxFen) / 100m;
        return roll switch
        {
            < 5 => 0m,
            < 15 => large ? Yuan(1, 30_000) : Yuan(1, 3_000),
            < 25 => large ? Yuan(30_000, 100_000) : Yuan(3_000, 10_000),
            _ => large ? Yuan(500_000, 6_000_000) : Yuan(20_000, 500_000),
        };
    }

    private Meter ShopMeter(Tenant tenant, bool threePhase)
    {
        // Anchor tenants have several three-phase feeders: E1, E2 ...
        var suffix = threePhase ? $"-E{_feedersByUnit[tenant.UnitNumber] = _feedersByUnit.GetValueOrDefault(tenant.UnitNumber) + 1}" : "-E";
        return new Meter
        {
            SerialNumber = NextSerial(),
            Name = tenant.UnitNumber + suffix,
            Kind = MeterKind.Electricity,
            Role = MeterRole.Tenant,
            Profile = threePhase ? MeterProfile.PrepaidThreePhase : MeterProfile.PrepaidSinglePhase,
            // Large CT-connected tenants are billed by the platform (external control); shops by the meter (内控).
            BillingMode = threePhase ? BillingMode.Platform : BillingMode.Meter,
            CtRatio = threePhase ? new[] { 40, 60, 80, 100 }[_random.Next(4)] : 1,
            PowerLimitKw = threePhase ? null : new[] { 8m, 10m, 12m, 16m, 20m }[_random.Next(5)],
            Location = tenant.UnitNumber[..2],
        };
    }

    private Meter PublicMeter(int shaft, int index, PublicLoadType load)
    {
        var floor = $"L{(index % 5) + 1}";
        var code = load switch
        {
            PublicLoadType.Lighting => "LT",
            PublicLoadType.Lift => "LF",
            PublicLoadType.Escalator => "ES",
            PublicLoadType.Hvac => "AC",
            _ => "PU",
        };
        return new Meter
        {
            SerialNumber = NextSerial(),
            Name = $"S{shaft + 1}-{code}-{floor}-{index + 1:D2}",
            Kind = MeterKind.Electricity,
            Role = MeterRole.PublicArea,
            Profile = MeterProfile.PublicArea,
            BillingMode = BillingMode.Platform,
            CtRatio = load is PublicLoadType.Hvac or PublicLoadType.Lift ? 40 : 1,
            PublicLoad = load,
            Location = floor,
        };
    }

    private Meter Incomer(Transformer transformer) => new()
    {
        SerialNumber = NextSerial(),
        Name = $"{transformer.Code}-INC",
        Kind = MeterKind.Electricity,
        Role = MeterRole.MainIncomer,
        Profile = MeterProfile.MainIncomer,
        BillingMode = BillingMode.Platform,
        CtRatio = 500,
        Location = "LV",
    };

    private Meter WaterMeter(Tenant tenant) => new()
    {
        SerialNumber = NextSerial(),
        Name = tenant.UnitNumber + "-W",
        Kind = MeterKind.Water,
        Role = MeterRole.Tenant,
        Profile = MeterProfile.PrepaidWater,
        BillingMode = BillingMode.Meter,
        Location = "L4",
    };

    private string NextSerial() => $"2410{_random.Next(1000, 10000)}{++_serial:D4}";
}
