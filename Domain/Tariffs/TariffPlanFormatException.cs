namespace Prepaid.Domain.Tariffs;

/// <summary>A stored price plan is not well-formed JSON of the plan shape (syntax, unknown or missing property, bad value).</summary>
public sealed class TariffPlanFormatException : Exception
{
    /// <summary>Creates the exception with a message.</summary>
    public TariffPlanFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the parser's error.</summary>
    public TariffPlanFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no details.</summary>
    public TariffPlanFormatException()
        : this("Price plan JSON is invalid.")
    {
    }
}
