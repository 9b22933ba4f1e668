namespace Prepaid.Domain.Tariffs;

/// <summary>
/// A price plan over time: its versions, each valid from its site-local <see cref="TariffPlan.ValidFrom"/>
/// (local midnight) until the next version's. All versions sell the same commodity and are valid.
/// </summary>
public sealed class Tariff
{
    /// <summary>Creates a tariff; throws <see cref="TariffValidationException"/> when a version is invalid,
    /// two versions start on the same day, or the commodities differ.</summary>
    public Tariff(IEnumerable<TariffPlan> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        var sorted = versions.OrderBy(v => v.ValidFrom).ToList();
        if (sorted.Count == 0)
        {
            throw new TariffValidationException("A tariff needs at least one plan version.");
        }

        foreach (var version in sorted)
        {
            version.EnsureValid();
        }

        for (var i = 1; i < sorted.Count; i++)
        {
            if (sorted[i].ValidFrom == sorted[i - 1].ValidFrom)
            {
                throw new TariffValidationException(
                    $"Plan versions '{sorted[i - 1].Name}' and '{sorted[i].Name}' both start on {sorted[i].ValidFrom:yyyy-MM-dd}.");
            }

            if (sorted[i].Commodity != sorted[0].Commodity)
            {
                throw new TariffValidationException(
                    $"Plan version '{sorted[i].Name}' sells {sorted[i].Commodity} but '{sorted[0].Name}' sells {sorted[0].Commodity}.");
            }
        }

        Versions = sorted;
    }

    /// <summary>Creates a tariff from versions given inline.</summary>
    public Tariff(params TariffPlan[] versions)
        : this((IEnumerable<TariffPlan>)versions)
    {
    }

    /// <summary>What every version sells.</summary>
    public Commodity Commodity => Versions[0].Commodity;

    /// <summary>Versions ordered by valid-from date.</summary>
    public IReadOnlyList<TariffPlan> Versions { get; }

    /// <summary>The version in force on a site-local date.</summary>
    /// <exception cref="InvalidOperationException">The date is before the first version.</exception>
    public TariffPlan VersionOn(DateOnly date)
    {
        for (var i = Versions.Count - 1; i >= 0; i--)
        {
            if (Versions[i].ValidFrom <= date)
            {
                return Versions[i];
            }
        }

        throw new InvalidOperationException(
            $"No price plan version is valid on {date:yyyy-MM-dd}; the first starts on {Versions[0].ValidFrom:yyyy-MM-dd}.");
    }
}
