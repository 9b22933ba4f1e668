using Microsoft.Extensions.Options;

namespace Prepaid.App.Identity.Throttling;

/// <summary>
/// The <c>Security:SignInThrottle</c> section: how many sign-in posts one client address may make per window, before
/// any account is looked at, so that nobody can lock another person's account by posting wrong passwords.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string SectionName = "Security:SignInThrottle";

    /// <summary>Sign-in posts one address may make in one <see cref="Window"/>.</summary>
    public int PermitLimit { get; set; } = 10;

    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Checked at start: one message for each broken rule, naming the setting.</summary>
public sealed class SignInThrottleOptionsValidator : IValidateOptions<SignInThrottleOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInThrottleOptions options)
    {
        var failures = new List<string>();
        if (options.PermitLimit < 1)
        {
            failures.Add($"{SignInThrottleOptions.SectionName}:PermitLimit must be at least 1 (it is {options.PermitLimit}).");
        }

        if (options.Window <= TimeSpan.Zero)
        {
            failures.Add($"{SignInThrottleOptions.SectionName}:Window must be longer than zero (it is {options.Window}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
