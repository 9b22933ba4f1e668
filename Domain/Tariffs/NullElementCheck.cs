namespace Prepaid.Domain.Tariffs;

/// <summary>
/// System.Text.Json does not apply nullable annotations to list elements, so "[null]" would reach the
/// rules as a null segment or block; this finds such elements and names their JSON path.
/// </summary>
internal static class NullElementCheck
{
    public static string? FirstNullPath(TariffPlan plan)
    {
        if (plan.Tou is { } tou)
        {
            var path = First(tou.Rates, "$.tou.rates")
                ?? First(tou.DaySchedules, "$.tou.daySchedules")
                ?? First(tou.Seasons, "$.tou.seasons");
            if (path is not null)
            {
                return path;
            }

            for (var i = 0; i < tou.DaySchedules.Count; i++)
            {
                if (First(tou.DaySchedules[i].Segments, $"$.tou.daySchedules[{i}].segments") is { } segmentPath)
                {
                    return segmentPath;
                }
            }
        }

        return plan.Tiers is { } tiers ? First(tiers.Blocks, "$.tiers.blocks") : null;
    }

    private static string? First<T>(IReadOnlyList<T?> items, string path)
        where T : class
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null)
            {
                return $"{path}[{i}]";
            }
        }

        return null;
    }
}
