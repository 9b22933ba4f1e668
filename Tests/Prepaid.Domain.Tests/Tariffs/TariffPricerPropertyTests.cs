using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

public class TariffPricerPropertyTests
{
    private const int Runs = 400;
    private const decimal HalfUnitOfAmount = 0.00005m;

    // Shares are rounded to 1e-9 units, so splitting differently moves an amount by a few 1e-9 yuan before rounding.
    private const decimal DecimalNoise = 0.0000001m;

    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById(SiteTimeZone.DefaultId);

    public static TheoryData<string> TariffNames() => new(Tariffs().Keys);

    private static Dictionary<string, Tariff> Tariffs() => new()
    {
        ["tou"] = new Tariff(TariffPlanExamples.CommercialTou2026()),
        ["water"] = new Tariff(TariffPlanExamples.WaterTiered2026()),
        ["touTiered"] = new Tariff(TariffPlanExamples.CommercialTouTiered2026()),
        ["flatThenTouTiered"] = new Tariff(
            TariffPlanExamples.FlatElectricity2026() with { ValidFrom = new DateOnly(2025, 12, 1) },
            TariffPlanExamples.CommercialTouTiered2026() with { ValidFrom = new DateOnly(2026, 2, 1) }),
    };

    [Theory]
    [MemberData(nameof(TariffNames))]
    public void PriceInterval_SplitAtAnyInstant_HalvesEqualWholeWithinRounding(string tariff)
    {
        var pricer = new TariffPricer(Tariffs()[tariff], Shanghai);
        var random = new Random(20260101);
        for (var run = 0; run < Runs; run++)
        {
            var (start, end, quantity, usage) = RandomDelta(random);
            var cut = start.AddTicks(random.NextInt64(1, (end - start).Ticks));
            var firstQuantity = quantity * (cut - start).Ticks / (end - start).Ticks;

            var whole = pricer.PriceInterval(start, end, quantity, usage);
            var first = pricer.PriceInterval(start, cut, firstQuantity, usage);
            var second = pricer.PriceInterval(cut, end, quantity - firstQuantity, first.UsageAfter);

            var bound = (HalfUnitOfAmount * (whole.Items.Count + first.Items.Count + second.Items.Count)) + DecimalNoise;
            var difference = Math.Abs(first.Total + second.Total - whole.Total);
            Assert.True(difference <= bound, $"Run {run}: {start:O}..{cut:O}..{end:O} q={quantity}: halves differ by {difference} > {bound}.");
        }
    }

    [Theory]
    [MemberData(nameof(TariffNames))]
    public void PriceRegisters_SplitAtAnyInstant_HalvesEqualWholeWithinRounding(string tariff)
    {
        var pricer = new TariffPricer(Tariffs()[tariff], Shanghai);
        var random = new Random(20260202);
        for (var run = 0; run < Runs; run++)
        {
            var (start, end, _, usage) = RandomDelta(random);
            var deltas = RandomRegisters(random);
            var cut = start.AddTicks(random.NextInt64(1, (end - start).Ticks));
            var firstDeltas = deltas.ToDictionary(d => d.Key, d => d.Value * (cut - start).Ticks / (end - start).Ticks);
            var secondDeltas = deltas.ToDictionary(d => d.Key, d => d.Value - firstDeltas[d.Key]);

            var whole = pricer.PriceRegisters(start, end, deltas, usage);
            var first = pricer.PriceRegisters(start, cut, firstDeltas, usage);
            var second = pricer.PriceRegisters(cut, end, secondDeltas, first.UsageAfter);

            var bound = (HalfUnitOfAmount * (whole.Items.Count + first.Items.Count + second.Items.Count)) + DecimalNoise;
            var difference = Math.Abs(first.Total + second.Total - whole.Total);
            Assert.True(difference <= bound, $"Run {run}: halves differ by {difference} > {bound}.");
        }
    }

    [Theory]
    [MemberData(nameof(TariffNames))]
    public void PriceInterval_RandomDelta_QuantitiesSumExactlyAndItemsTileTheInterval(string tariff)
    {
        var pricer = new TariffPricer(Tariffs()[tariff], Shanghai);
        var random = new Random(20260303);
        for (var run = 0; run < Runs; run++)
        {
            var (start, end, quantity, usage) = RandomDelta(random);

            var charge = pricer.PriceInterval(start, end, quantity, usage);

            Assert.Equal(quantity, charge.Quantity);
            Assert.Equal(start, charge.Items[0].Start);
            Assert.Equal(end, charge.Items[^1].End);
            for (var i = 1; i < charge.Items.Count; i++)
            {
                Assert.Equal(charge.Items[i - 1].End, charge.Items[i].Start);
            }

            Assert.All(charge.Items, item =>
            {
                Assert.True(item.Quantity > 0m, $"Run {run}: item quantity {item.Quantity}.");
                Assert.Equal(TariffPricer.RoundAmount(item.Quantity * item.UnitPrice), item.Amount);
            });
            Assert.Equal(charge.Items.Sum(i => i.Amount), charge.Total);
        }
    }

    [Theory]
    [MemberData(nameof(TariffNames))]
    public void PriceRegisters_RandomDeltas_EachRateSumsExactly(string tariff)
    {
        var pricer = new TariffPricer(Tariffs()[tariff], Shanghai);
        var random = new Random(20260404);
        for (var run = 0; run < Runs; run++)
        {
            var (start, end, _, usage) = RandomDelta(random);
            var deltas = RandomRegisters(random);

            var charge = pricer.PriceRegisters(start, end, deltas, usage);

            foreach (var (rate, delta) in deltas)
            {
                Assert.Equal(delta, charge.Items.Where(i => i.Rate == rate).Sum(i => i.Quantity));
            }
        }
    }

    [Fact]
    public void PriceInterval_TouPlan_EveryItemLiesInOneSegmentOfItsRate()
    {
        var plan = TariffPlanExamples.CommercialTou2026();
        var pricer = new TariffPricer(new Tariff(plan), Shanghai);
        var random = new Random(20260505);
        for (var run = 0; run < Runs; run++)
        {
            var (start, end, quantity, _) = RandomDelta(random);

            var charge = pricer.PriceInterval(start, end, quantity);

            Assert.All(charge.Items, item =>
            {
                Assert.Equal(RateAt(plan, item.Start), item.Rate);
                Assert.Equal(RateAt(plan, item.End.AddTicks(-1)), item.Rate);
                Assert.Equal(item.Start.Date, item.End.AddTicks(-1).Date);
            });
        }
    }

    [Fact]
    public void PriceInterval_ZoneWithDaylightSaving_StillTilesAndSumsExactly()
    {
        var berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var pricer = new TariffPricer(new Tariff(TariffPlanExamples.CommercialTouTiered2026()), berlin);
        foreach (var day in new[] { new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero) })
        {
            var charge = pricer.PriceInterval(day, day.AddDays(2), 480m);

            Assert.Equal(480m, charge.Quantity);
            Assert.Equal(day, charge.Items[0].Start);
            Assert.Equal(day.AddDays(2), charge.Items[^1].End);
        }
    }

    private static TouRate RateAt(TariffPlan plan, DateTimeOffset localInstant) =>
        plan.Tou!.DayScheduleOn(DateOnly.FromDateTime(localInstant.DateTime)).RateAt(TimeOnly.FromDateTime(localInstant.DateTime));

    private static (DateTimeOffset Start, DateTimeOffset End, decimal Quantity, TierUsage Usage) RandomDelta(Random random)
    {
        // Starts from 2026-01-01 local through the year; lengths from a second to four days.
        var yearStart = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.FromHours(8));
        var start = yearStart.AddSeconds(random.NextInt64(0, 360L * 24 * 3600));
        var length = random.Next(4) switch
        {
            0 => TimeSpan.FromSeconds(random.Next(1, 900)),
            1 => TimeSpan.FromMinutes(random.Next(1, 180)),
            2 => TimeSpan.FromHours(random.Next(1, 30)),
            _ => TimeSpan.FromSeconds(random.Next(1, 4 * 24 * 3600)),
        };
        var quantity = random.Next(1, 3_000_000) / 1000m;
        var local = start.ToOffset(TimeSpan.FromHours(8));
        var monthToDate = random.Next(0, 2_500_000) / 1000m;
        var usage = random.Next(3) == 0 ? default : TierUsage.For(local.Year, local.Month, monthToDate);
        return (start, start + length, quantity, usage);
    }

    private static Dictionary<TouRate, decimal> RandomRegisters(Random random)
    {
        var deltas = new Dictionary<TouRate, decimal>();
        foreach (var rate in new[] { TouRate.Sharp, TouRate.Peak, TouRate.Flat, TouRate.Valley })
        {
            if (random.Next(4) > 0)
            {
                deltas[rate] = random.Next(1, 500_000) / 100m;
            }
        }

        if (deltas.Count == 0)
        {
            deltas[TouRate.Flat] = 1.23m;
        }

        return deltas;
    }
}
