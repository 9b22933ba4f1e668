using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Prepaid.App.Losses;

/// <summary>The <c>LossCheck</c> section: the nightly check of yesterday's losses against a threshold.</summary>
public sealed class LossCheckOptions : IValidatableObject
{
    public const string SectionName = "LossCheck";

    /// <summary>Site-local time of the nightly check of the day before.</summary>
    public TimeSpan TimeOfDay { get; set; } = new(0, 40, 0);

    /// <summary>|loss %| above this raises the alarm.</summary>
    [Range(typeof(decimal), "0", "100")]
    public decimal ThresholdPercent { get; set; } = 8m;

    /// <summary>Days whose incomer energy is below this are not judged (a day with almost no load says nothing).</summary>
    [Range(typeof(decimal), "0", "1000000")]
    public decimal MinimumIncomerKwh { get; set; } = 50m;

    public string CronExpression => string.Create(CultureInfo.InvariantCulture, $"0 {TimeOfDay.Minutes} {TimeOfDay.Hours} * * ?");

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (TimeOfDay < TimeSpan.Zero || TimeOfDay >= TimeSpan.FromDays(1) || TimeOfDay.Seconds != 0 || TimeOfDay.Milliseconds != 0)
        {
            yield return new ValidationResult($"LossCheck:TimeOfDay ({TimeOfDay}) must be a whole minute within the day.", [nameof(TimeOfDay)]);
        }
    }
}
