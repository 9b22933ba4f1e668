using System.Globalization;
using Prepaid.Domain.Tariffs;

using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration.Tariffs;

/// <summary>
/// A price plan as the editor holds it: mutable lists of text and numbers. <see cref="ToPlan"/> turns it into a
/// <see cref="TariffPlan"/> with specific errors for what cannot be read (a time that is not HH:mm, a season edge that
/// is not MM-dd); the plan's own rules (24 h covered, tiers ascending, prices) are the Domain validator's.
/// </summary>
public sealed class TariffDraft
{
    public PricingKind Kind { get; set; } = PricingKind.Flat;
    public decimal? FlatPrice { get; set; }
    public List<RateDraft> Rates { get; set; } = [.. Enum.GetValues<TouRate>().Select(r => new RateDraft { Rate = r })];
    public List<DayDraft> Days { get; set; } = [];
    public List<SeasonDraft> Seasons { get; set; } = [];
    public TierPeriod TierPeriod { get; set; } = TierPeriod.Monthly;
    public List<TierDraft> Tiers { get; set; } = [];

    public bool HasTou => Kind is PricingKind.Tou or PricingKind.TouTiered;
    public bool HasTiers => Kind is PricingKind.Tiered or PricingKind.TouTiered;

    /// <summary>The editor's starting point for a new version: a copy of <paramref name="plan"/>.</summary>
    public static TariffDraft From(TariffPlan plan)
    {
        var draft = new TariffDraft { Kind = plan.Kind, FlatPrice = plan.FlatPrice };
        if (plan.Tou is { } tou)
        {
            foreach (var rate in draft.Rates)
            {
                rate.Price = tou.PriceOf(rate.Rate);
                rate.Used = rate.Price is not null;
            }

            draft.Days = [.. tou.DaySchedules.Select(d => new DayDraft
            {
                Name = d.Name,
                Segments = [.. d.Segments.Select(s => new SegmentDraft { Start = s.Start.ToString("HH:mm", CultureInfo.InvariantCulture), Rate = s.Rate })],
            })];
            draft.Seasons = [.. tou.Seasons.Select(s => new SeasonDraft { Name = s.Name, From = s.From.ToString(), To = s.To.ToString(), DaySchedule = s.DaySchedule })];
        }

        if (plan.Tiers is { } tiers)
        {
            draft.TierPeriod = tiers.Period;
            draft.Tiers = [.. tiers.Blocks.Select(b => new TierDraft { UpTo = b.UpTo, Price = b.Price, Adder = b.Adder })];
        }

        return draft;
    }

    /// <summary>Adds the parts a kind needs when the editor switches to it, so the form is never empty.</summary>
    public void EnsureParts()
    {
        if (HasTou && Days.Count == 0)
        {
            Days.Add(new DayDraft { Name = "normal", Segments = [new SegmentDraft { Start = "00:00", Rate = TouRate.Flat }] });
            Rates.Single(r => r.Rate == TouRate.Flat).Used = true;
        }

        if (HasTiers && Tiers.Count == 0)
        {
            Tiers.Add(new TierDraft());
        }
    }

    /// <summary>The plan, or the errors that kept it from being read. The caller still validates the plan's rules.</summary>
    public (TariffPlan? Plan, List<ConfigurationError> Errors) ToPlan(string name, Commodity commodity, DateOnly validFrom)
    {
        var errors = new List<ConfigurationError>();
        TouSchedule? tou = HasTou ? ReadTou(errors) : null;
        TierSchedule? tiers = HasTiers
            ? new TierSchedule
            {
                Period = TierPeriod,
                Blocks = [.. Tiers.Select(t => new TierBlock { UpTo = t.UpTo, Price = Kind == PricingKind.Tiered ? t.Price : null, Adder = Kind == PricingKind.TouTiered ? t.Adder : null })],
            }
            : null;
        if (Kind == PricingKind.Flat && FlatPrice is null) errors.Add(new("FlatPrice", "Required"));
        if (errors.Count > 0) return (null, errors);
        var plan = new TariffPlan
        {
            Name = name, Commodity = commodity, ValidFrom = validFrom, Kind = Kind,
            FlatPrice = Kind == PricingKind.Flat ? FlatPrice : null, Tou = tou, Tiers = tiers,
        };
        return (plan, errors);
    }

    private TouSchedule ReadTou(List<ConfigurationError> errors)
    {
        var rates = new List<RatePrice>();
        foreach (var rate in Rates.Where(r => r.Used))
        {
            if (rate.Price is { } price) rates.Add(new RatePrice { Rate = rate.Rate, Price = price });
            else errors.Add(new("Rate " + rate.Rate, "Required") { FieldTerm = Terms.RatePrice(rate.Rate) });
        }

        var days = new List<DaySchedule>();
        foreach (var day in Days)
        {
            var segments = new List<TouSegment>();
            for (var i = 0; i < day.Segments.Count; i++)
            {
                var text = day.Segments[i].Start?.Trim() ?? "";
                if (TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
                {
                    segments.Add(new TouSegment { Start = start, Rate = day.Segments[i].Rate });
                }
                else
                {
                    errors.Add(new($"'{day.Name}' segment {i + 1}", "NotTimeOfDay", text) { FieldTerm = Terms.Segment(day.Name ?? "", i + 1) });
                }
            }

            days.Add(new DaySchedule { Name = day.Name?.Trim() ?? "", Segments = segments });
        }

        var seasons = new List<Season>();
        foreach (var season in Seasons)
        {
            var from = ReadMonthDay(season.From, Terms.SeasonFrom(season.Name ?? ""), errors);
            var to = ReadMonthDay(season.To, Terms.SeasonTo(season.Name ?? ""), errors);
            if (from is { } f && to is { } t)
            {
                seasons.Add(new Season { Name = season.Name?.Trim() ?? "", From = f, To = t, DaySchedule = season.DaySchedule ?? "" });
            }
        }

        return new TouSchedule { Rates = rates, DaySchedules = days, Seasons = seasons };
    }

    private static MonthDay? ReadMonthDay(string? text, Term field, List<ConfigurationError> errors)
    {
        try
        {
            return MonthDay.Parse(text?.Trim() ?? "");
        }
        catch (FormatException)
        {
            errors.Add(new(field.ToString(), "NotMonthDay", text) { FieldTerm = field });
            return null;
        }
    }
}

public sealed class RateDraft
{
    public TouRate Rate { get; set; }
    public bool Used { get; set; }
    public decimal? Price { get; set; }
}

public sealed class DayDraft
{
    public string Name { get; set; } = "";
    public List<SegmentDraft> Segments { get; set; } = [];
}

public sealed class SegmentDraft
{
    public string Start { get; set; } = "";
    public TouRate Rate { get; set; } = TouRate.Flat;
}

public sealed class SeasonDraft
{
    public string Name { get; set; } = "";
    public string From { get; set; } = "";
    public string To { get; set; } = "";
    public string DaySchedule { get; set; } = "";
}

public sealed class TierDraft
{
    public decimal? UpTo { get; set; }
    public decimal? Price { get; set; }
    public decimal? Adder { get; set; }
}
