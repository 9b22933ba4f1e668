using Microsoft.Extensions.Logging;

namespace Prepaid.Acquisition.Logging;

/// <summary>
/// Wraps a logger so that a failing logging provider (a full disk, a broken sink) can never stop a bus loop, the
/// engine or a simulated gateway: acquisition matters more than its log, so a logger's exception is swallowed.
/// </summary>
internal sealed class GuardedLogger(ILogger inner) : ILogger
{
    /// <summary>A guarded logger of category <typeparamref name="T"/> from <paramref name="factory"/> (the null factory when none).</summary>
    public static ILogger For<T>(ILoggerFactory? factory) =>
        new GuardedLogger((factory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger<T>());

    /// <summary>A guarded <paramref name="logger"/>, or the null logger when there is none.</summary>
    public static ILogger Wrap(ILogger? logger) =>
        logger is null or GuardedLogger ? logger ?? Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance : new GuardedLogger(logger);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull
    {
        try
        {
            return inner.BeginScope(state);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return null;
        }
    }

    public bool IsEnabled(LogLevel logLevel)
    {
        try
        {
            return inner.IsEnabled(logLevel);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return false;
        }
    }

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        try
        {
            inner.Log(logLevel, eventId, state, exception, formatter);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // A failing logger must not stop acquisition.
        }
    }
}
