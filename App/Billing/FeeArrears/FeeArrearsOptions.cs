namespace Prepaid.App.Billing.FeeArrears;

/// <summary>The <c>FeeArrears</c> section: fees a meter-billed shop cannot cover trip it after a grace period.</summary>
public sealed class FeeArrearsOptions
{
    public const string SectionName = "FeeArrears";

    /// <summary>Evaluate meter-billed accounts that owe fees in the background.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How long after the "fees owed" notice the shop keeps its supply.</summary>
    public TimeSpan Grace { get; set; } = TimeSpan.FromDays(3);

    /// <summary>Every owing or fee-tripped account is evaluated at least this often (a payment evaluates it at once).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>After a trip or close for fees failed on a meter, the next one waits this long.</summary>
    public TimeSpan CommandRetryAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>One message per broken rule, for the start-up check.</summary>
    public IEnumerable<string> Errors()
    {
        if (Grace < TimeSpan.Zero)
        {
            yield return "FeeArrears:Grace must be zero or more.";
        }

        if (Period <= TimeSpan.Zero)
        {
            yield return "FeeArrears:Period must be positive.";
        }

        if (CommandRetryAfter < TimeSpan.Zero)
        {
            yield return "FeeArrears:CommandRetryAfter must be zero or more.";
        }
    }
}

/// <summary>Fails the start with every broken rule of <see cref="FeeArrearsOptions"/>.</summary>
internal sealed class FeeArrearsOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<FeeArrearsOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, FeeArrearsOptions options) =>
        options.Errors().ToList() is { Count: > 0 } errors
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Fail(errors)
            : Microsoft.Extensions.Options.ValidateOptionsResult.Success;
}
