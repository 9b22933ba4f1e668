using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Prepaid.App.Sharing;

/// <summary>The <c>Sharing</c> section: when the month just ended is shared and how far a catch-up reaches back.</summary>
public sealed class SharingOptions : IValidatableObject
{
    public const string SectionName = "Sharing";

    /// <summary>Site-local time on the 1st at which the previous month is shared.</summary>
    public TimeSpan TimeOfDay { get; set; } = new(0, 20, 0);

    /// <summary>How many ended months a catch-up after downtime may still share.</summary>
    [Range(1, 12)]
    public int MaxCatchUpMonths { get; set; } = 2;

    public string CronExpression => string.Create(CultureInfo.InvariantCulture, $"0 {TimeOfDay.Minutes} {TimeOfDay.Hours} 1 * ?");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeOfDay < TimeSpan.Zero || TimeOfDay >= TimeSpan.FromDays(1) || TimeOfDay.Seconds != 0 || TimeOfDay.Milliseconds != 0)
        {
            yield return new ValidationResult($"Sharing:TimeOfDay ({TimeOfDay}) must be a whole minute within the day.", [nameof(TimeOfDay)]);
        }
    }
}
