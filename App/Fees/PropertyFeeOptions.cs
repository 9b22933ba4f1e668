using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Prepaid.App.Fees;

/// <summary>The <c>PropertyFee</c> section: when the monthly fee is deducted and how far a catch-up reaches back.</summary>
public sealed class PropertyFeeOptions : IValidatableObject
{
    public const string SectionName = "PropertyFee";

    /// <summary>Site-local time on the 1st of each month at which the fee is deducted.</summary>
    public TimeSpan TimeOfDay { get; set; } = new(0, 10, 0);

    /// <summary>How many months (the current one included) a catch-up after downtime may still charge.</summary>
    [Range(1, 12)]
    public int MaxCatchUpMonths { get; set; } = 2;

    /// <summary>The Quartz cron expression of <see cref="TimeOfDay"/> on the 1st.</summary>
    public string CronExpression => string.Create(CultureInfo.InvariantCulture, $"0 {TimeOfDay.Minutes} {TimeOfDay.Hours} 1 * ?");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeOfDay < TimeSpan.Zero || TimeOfDay >= TimeSpan.FromDays(1) || TimeOfDay.Seconds != 0 || TimeOfDay.Milliseconds != 0)
        {
            yield return new ValidationResult($"PropertyFee:TimeOfDay ({TimeOfDay}) must be a whole minute within the day.", [nameof(TimeOfDay)]);
        }
    }
}
