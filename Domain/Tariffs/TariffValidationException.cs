namespace Prepaid.Domain.Tariffs;

/// <summary>A price plan broke one or more rules; <see cref="Errors"/> lists them all.</summary>
public sealed class TariffValidationException : Exception
{
    /// <summary>Creates the exception from the plan name and its errors.</summary>
    public TariffValidationException(string planName, IReadOnlyList<string> errors)
        : base($"Price plan '{planName}' is invalid: {string.Join("; ", errors)}")
    {
        Errors = errors;
    }

    /// <summary>Creates the exception with a message.</summary>
    public TariffValidationException(string message)
        : base(message)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TariffValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [message];
    }

    /// <summary>Creates the exception with no details.</summary>
    public TariffValidationException()
        : this("Price plan is invalid.")
    {
    }

    /// <summary>Each broken rule, human-readable.</summary>
    public IReadOnlyList<string> Errors { get; }
}
