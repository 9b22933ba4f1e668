namespace Prepaid.Domain.Billing;

/// <summary>Inputs to a billing rule break one or more rules; <see cref="Errors"/> lists every one in words.</summary>
public sealed class BillingValidationException : Exception
{
    /// <summary>Creates the exception with the broken rules.</summary>
    public BillingValidationException(IReadOnlyList<string> errors)
        : base(string.Join(" ", errors))
    {
        Errors = errors;
        Issues = [.. errors.Select(e => new ValidationIssue("", [], e))];
    }

    /// <summary>Creates the exception with the broken rules, each with a code and arguments for translation.</summary>
    public BillingValidationException(IReadOnlyList<ValidationIssue> issues)
        : this([.. issues.Select(i => i.English)])
    {
        Issues = issues;
    }

    /// <summary>Creates the exception with no listed rule.</summary>
    public BillingValidationException()
        : this(Array.Empty<string>())
    {
    }

    /// <summary>Creates the exception with one broken rule.</summary>
    public BillingValidationException(string message)
        : this([message])
    {
    }

    /// <summary>Creates the exception with one broken rule and its cause.</summary>
    public BillingValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
        Issues = [new ValidationIssue("", [], message)];
    }

    /// <summary>Every broken rule, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>The same rules with codes (<see cref="BillingIssueCodes.All"/>) and arguments; an empty code has only its English text.</summary>
    public IReadOnlyList<ValidationIssue> Issues { get; }
}
