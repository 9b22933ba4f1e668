using System.Globalization;
using System.Text.Json.Nodes;
using Prepaid.Domain.Tariffs;

namespace Prepaid.Domain.Tests.Tariffs;

public class TariffPricerGoldenTests
{
    public static TheoryData<string> CaseNames() => new(GoldenCases.Names());

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void Price_GoldenCase_MatchesHandCheckedCharge(string name)
    {
        var c = GoldenCases.Case(name);
        var zone = TimeZoneInfo.FindSystemTimeZoneById((string?)c["zone"] ?? SiteTimeZone.DefaultId);
        var pricer = new TariffPricer(GoldenCases.TariffNamed((string)c["tariff"]!), zone);

        Func<TariffCharge> price = () => Price(pricer, c);

        if ((string?)c["error"] is { } error)
        {
            var e = Assert.ThrowsAny<Exception>(() => price());
            Assert.Equal(error, e.GetType().Name);
            return;
        }

        var charge = price();
        var withPlan = c["items"]!.AsArray().Any(i => i!["planValidFrom"] is not null);
        var expected = ExpectedItems(c, withPlan);
        var actual = charge.Items.Select(i => Describe(i, withPlan)).ToList();
        Assert.True(
            expected.SequenceEqual(actual),
            $"Line items differ.{Environment.NewLine}Expected:{Environment.NewLine}{string.Join(Environment.NewLine, expected)}{Environment.NewLine}Actual:{Environment.NewLine}{string.Join(Environment.NewLine, actual)}");
        Assert.Equal((decimal)c["total"]!, charge.Total);
        if (c["usageAfter"] is JsonObject after)
        {
            Assert.Equal(Usage(after), charge.UsageAfter);
        }
    }

    private static TariffCharge Price(TariffPricer pricer, JsonObject c)
    {
        var start = Instant(c["start"]);
        var end = Instant(c["end"]);
        var usage = c["usageBefore"] is JsonObject u ? Usage(u) : default;
        if (c["registers"] is JsonObject registers)
        {
            var deltas = registers.ToDictionary(r => Enum.Parse<TouRate>(r.Key), r => (decimal)r.Value!);
            return pricer.PriceRegisters(start, end, deltas, usage);
        }

        return pricer.PriceInterval(start, end, (decimal)c["quantity"]!, usage);
    }

    private static List<string> ExpectedItems(JsonObject c, bool withPlan) =>
        c["items"]!.AsArray().Select(i => Describe(new TariffLineItem
        {
            Start = Instant(i!["start"]),
            End = Instant(i["end"]),
            PlanValidFrom = i["planValidFrom"] is { } from ? DateOnly.Parse((string)from!, CultureInfo.InvariantCulture) : default,
            Rate = (string?)i["rate"] is { } rate ? Enum.Parse<TouRate>(rate) : null,
            TierIndex = (int?)i["tier"],
            Quantity = (decimal)i["quantity"]!,
            UnitPrice = (decimal)i["unitPrice"]!,
            Amount = (decimal)i["amount"]!,
        }, withPlan)).ToList();

    // Compares instants in UTC and decimals by value (G29 drops trailing zeros: 4.20 == 4.2), one readable line per item.
    private static string Describe(TariffLineItem item, bool withPlan) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{item.Start.UtcDateTime:yyyy-MM-dd HH:mm}Z..{item.End.UtcDateTime:yyyy-MM-dd HH:mm}Z {item.Rate?.ToString() ?? "-"} tier {item.TierIndex?.ToString(CultureInfo.InvariantCulture) ?? "-"} {item.Quantity:G29} x {item.UnitPrice:G29} = {item.Amount:G29}")
        + (withPlan ? $" plan {item.PlanValidFrom:yyyy-MM-dd}" : string.Empty);

    private static DateTimeOffset Instant(JsonNode? node) =>
        DateTimeOffset.Parse((string)node!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    private static TierUsage Usage(JsonObject u) =>
        new((int)u["year"]!, (int)u["month"]!, (decimal)u["monthToDate"]!, (decimal)u["yearToDate"]!);
}
