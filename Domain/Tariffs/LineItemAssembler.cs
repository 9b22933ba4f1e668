namespace Prepaid.Domain.Tariffs;

/// <summary>Merges contiguous pieces that bill alike within one local day, then rounds each amount.</summary>
internal static class LineItemAssembler
{
    public static TariffCharge Assemble(List<PricedPiece> pieces, TimeZoneInfo zone, TierUsage usageAfter)
    {
        var merged = new List<PricedPiece>(pieces.Count);
        foreach (var piece in pieces)
        {
            if (merged.Count > 0 && BillsAlike(merged[^1], piece))
            {
                merged[^1] = merged[^1] with { EndTicks = piece.EndTicks, Quantity = merged[^1].Quantity + piece.Quantity };
            }
            else
            {
                merged.Add(piece);
            }
        }

        var items = merged.Select(p => new TariffLineItem
        {
            Start = Local(p.StartTicks, zone),
            End = Local(p.EndTicks, zone),
            PlanValidFrom = p.Plan.ValidFrom,
            Rate = p.Rate,
            TierIndex = p.TierIndex,
            Quantity = p.Quantity,
            UnitPrice = p.UnitPrice,
            Amount = TariffPricer.RoundAmount(p.Quantity * p.UnitPrice),
        }).ToList();
        return new TariffCharge { Items = items, Total = items.Sum(i => i.Amount), UsageAfter = usageAfter };
    }

    private static bool BillsAlike(PricedPiece a, PricedPiece b) =>
        a.EndTicks == b.StartTicks
        && a.LocalDate == b.LocalDate
        && ReferenceEquals(a.Plan, b.Plan)
        && a.Rate == b.Rate
        && a.TierIndex == b.TierIndex
        && a.UnitPrice == b.UnitPrice;

    private static DateTimeOffset Local(long utcTicks, TimeZoneInfo zone) =>
        TimeZoneInfo.ConvertTime(new DateTimeOffset(utcTicks, TimeSpan.Zero), zone);
}
