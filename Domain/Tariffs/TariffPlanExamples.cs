namespace Prepaid.Domain.Tariffs;

/// <summary>Example plan versions for the demo seed and tests. Prices are realistic yuan, not any utility's.</summary>
public static class TariffPlanExamples
{
    /// <summary>The 2026 validity start shared by the examples.</summary>
    public static readonly DateOnly From2026 = new(2026, 1, 1);

    /// <summary>
    /// A typical commercial TOU day (Domain/Tariffs/README.md): valley 23:00-07:00, peak 08:00-11:00 and 18:00-23:00, flat otherwise;
    /// in summer (07-01..08-31) 19:00-21:00 is sharp. Valley 0.35, flat 0.75, peak 1.15 (3.3 x valley),
    /// sharp 1.38 (peak + 20 %).
    /// </summary>
    public static TariffPlan CommercialTou2026() => new()
    {
        Name = "Commercial TOU 2026",
        Commodity = Commodity.Electricity,
        ValidFrom = From2026,
        Kind = PricingKind.Tou,
        Tou = CommercialTouSchedule(),
    };

    /// <summary>Water in monthly tiers: 0-30 m3 at 4.20, 30-60 m3 at 5.60, above 60 m3 at 7.80 yuan/m3.</summary>
    public static TariffPlan WaterTiered2026() => new()
    {
        Name = "Water tiered 2026",
        Commodity = Commodity.Water,
        ValidFrom = From2026,
        Kind = PricingKind.Tiered,
        Tiers = new TierSchedule
        {
            Period = TierPeriod.Monthly,
            Blocks =
            [
                new TierBlock { UpTo = 30m, Price = 4.20m },
                new TierBlock { UpTo = 60m, Price = 5.60m },
                new TierBlock { Price = 7.80m },
            ],
        },
    };

    /// <summary>Electricity at one price, 0.85 yuan/kWh (for public-area or simple shops).</summary>
    public static TariffPlan FlatElectricity2026() => new()
    {
        Name = "Flat electricity 2026",
        Commodity = Commodity.Electricity,
        ValidFrom = From2026,
        Kind = PricingKind.Flat,
        FlatPrice = 0.85m,
    };

    /// <summary>
    /// The commercial TOU day plus monthly tiers as adders: up to 1000 kWh +0, up to 2000 kWh +0.10,
    /// above +0.30 yuan/kWh.
    /// </summary>
    public static TariffPlan CommercialTouTiered2026() => new()
    {
        Name = "Commercial TOU with tiers 2026",
        Commodity = Commodity.Electricity,
        ValidFrom = From2026,
        Kind = PricingKind.TouTiered,
        Tou = CommercialTouSchedule(),
        Tiers = new TierSchedule
        {
            Period = TierPeriod.Monthly,
            Blocks =
            [
                new TierBlock { UpTo = 1000m, Adder = 0m },
                new TierBlock { UpTo = 2000m, Adder = 0.10m },
                new TierBlock { Adder = 0.30m },
            ],
        },
    };

    /// <summary>Every example, for seeding pickers and round-trip tests.</summary>
    public static IReadOnlyList<TariffPlan> All() =>
        [CommercialTou2026(), WaterTiered2026(), FlatElectricity2026(), CommercialTouTiered2026()];

    private static TouSchedule CommercialTouSchedule() => new()
    {
        Rates =
        [
            new RatePrice { Rate = TouRate.Sharp, Price = 1.38m },
            new RatePrice { Rate = TouRate.Peak, Price = 1.15m },
            new RatePrice { Rate = TouRate.Flat, Price = 0.75m },
            new RatePrice { Rate = TouRate.Valley, Price = 0.35m },
        ],
        DaySchedules =
        [
            new DaySchedule
            {
                Name = "normal",
                Segments =
                [
                    Segment(0, TouRate.Valley),
                    Segment(7, TouRate.Flat),
                    Segment(8, TouRate.Peak),
                    Segment(11, TouRate.Flat),
                    Segment(18, TouRate.Peak),
                    Segment(23, TouRate.Valley),
                ],
            },
            new DaySchedule
            {
                Name = "summer",
                Segments =
                [
                    Segment(0, TouRate.Valley),
                    Segment(7, TouRate.Flat),
                    Segment(8, TouRate.Peak),
                    Segment(11, TouRate.Flat),
                    Segment(18, TouRate.Peak),
                    Segment(19, TouRate.Sharp),
                    Segment(21, TouRate.Peak),
                    Segment(23, TouRate.Valley),
                ],
            },
        ],
        Seasons =
        [
            new Season { Name = "summer", From = new MonthDay(7, 1), To = new MonthDay(8, 31), DaySchedule = "summer" },
            new Season { Name = "rest", From = new MonthDay(9, 1), To = new MonthDay(6, 30), DaySchedule = "normal" },
        ],
    };

    private static TouSegment Segment(int hour, TouRate rate) => new() { Start = new TimeOnly(hour, 0), Rate = rate };
}
