namespace Prepaid.Domain.Tariffs;

/// <summary>A span of time inside one site-local day and one plan version (and one TOU segment when sliced at segments).</summary>
internal readonly record struct TimeSlice(long StartTicks, long EndTicks, DateOnly LocalDate, TimeOnly LocalStart, TariffPlan Plan)
{
    public long Ticks => EndTicks - StartTicks;
}
