namespace Prepaid.Domain.Billing;

/// <summary>Inputs to a billing rule break one or more rules; <see cref="Errors"/> lists every one in words.</summary>
public sealed class BillingValidationException : Exception
{
    /// <summary>Creates the exception with the broken rules.</summary>
    public BillingValidationException(IReadOnlyList<string> errors)
        : base(string.Join(" ", errors))
    {
        Errors = errors;
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
    }

    /// <summary>Every broken rule, one sentence each.</summary>
    public IReadOnlyList<string> Errors { get; }
}
