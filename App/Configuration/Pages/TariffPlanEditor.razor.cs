using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Prepaid.App.Configuration.Tariffs;
using Prepaid.App.Kernel.Localization;
using Prepaid.Domain.Tariffs;

namespace Prepaid.App.Configuration.Pages;

/// <summary>
/// Edits one price plan in place: kind, flat price, TOU rates, day schedules (start times, each segment ending where
/// the next starts so the day is always covered once), seasons and tier blocks. The owner validates on save.
/// </summary>
public partial class TariffPlanEditor
{
    // The owner's draft is edited in place: its contents change, the parameter itself is never reassigned.
    [Parameter, EditorRequired] public TariffDraft Draft { get; set; } = default!;
    [Parameter] public Commodity Commodity { get; set; }
    [Parameter] public bool ReadOnly { get; set; }

    [Inject] private IStringLocalizer<Strings> Text { get; set; } = default!;

    private string Unit => Commodity == Commodity.Water ? "m³" : "kWh";
    private string UnitPriceLabel => Text["Tariffs.UnitPrice", Unit];
    private string TierUpToLabel => Text["Tariffs.TierUpTo", Unit];
    private string TierPriceLabel => Draft.Kind == PricingKind.TouTiered ? Text["Tariffs.TierAdder", Unit] : UnitPriceLabel;

    internal string KindText(PricingKind kind) => Text["Tariffs.Kind." + kind];
    internal string RateText(TouRate rate) => Text["Tariffs.Rate." + rate];

    private void KindChanged(PricingKind kind)
    {
        Draft.Kind = kind;
        Draft.EnsureParts();
    }

    private int DayIndex(DayDraft day) => Draft.Days.IndexOf(day);
    private static int SegmentNumber(DayDraft day, SegmentDraft segment) => day.Segments.IndexOf(segment) + 1;
    private string SegmentId(DayDraft day, SegmentDraft segment, string part) => $"tariff-seg-{DayIndex(day)}-{day.Segments.IndexOf(segment)}-{part}";
    private int TierNumber(TierDraft tier) => Draft.Tiers.IndexOf(tier) + 1;
    private string TierId(TierDraft tier, string part) => $"tariff-tier-{Draft.Tiers.IndexOf(tier)}-{part}";

    // A segment runs until the next one starts; the last until midnight.
    private static string SegmentEnd(DayDraft day, SegmentDraft segment)
    {
        var i = day.Segments.IndexOf(segment);
        return i + 1 < day.Segments.Count ? day.Segments[i + 1].Start : "24:00";
    }

    private void AddDay() => Draft.Days.Add(new DayDraft
    {
        Name = "day" + (Draft.Days.Count + 1),
        Segments = [new SegmentDraft { Start = "00:00", Rate = TouRate.Flat }],
    });

    private Action RemoveDay(DayDraft day) => () => Draft.Days.Remove(day);

    private Action AddSegment(DayDraft day) => () => day.Segments.Add(new SegmentDraft { Rate = TouRate.Flat });

    private Action RemoveSegment(DayDraft day, SegmentDraft segment) => () => day.Segments.Remove(segment);

    private void AddSeason() => Draft.Seasons.Add(new SeasonDraft { DaySchedule = Draft.Days.FirstOrDefault()?.Name ?? "" });

    private Action RemoveSeason(SeasonDraft season) => () => Draft.Seasons.Remove(season);

    private void AddTier() => Draft.Tiers.Add(new TierDraft());

    private Action RemoveTier(TierDraft tier) => () => Draft.Tiers.Remove(tier);
}
