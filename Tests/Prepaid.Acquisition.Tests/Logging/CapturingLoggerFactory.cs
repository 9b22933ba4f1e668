using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Prepaid.Acquisition.Tests.Logging;

/// <summary>One captured log call: level, event, message, structured fields and exception.</summary>
internal sealed record CapturedLog(string Category, LogLevel Level, EventId EventId, string Message, IReadOnlyDictionary<string, object?> Fields, Exception? Exception)
{
    /// <summary>The structured field <paramref name="name"/> (a template placeholder), or null.</summary>
    public object? Field(string name) => Fields.GetValueOrDefault(name);
}

/// <summary>
/// Records every log call of every logger it creates, with the structured state the message template produced, so
/// tests can assert on fields rather than on text. <see cref="ThrowAfterCapture"/> makes every logger fail as a broken
/// provider would.
/// </summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<CapturedLog> Logs { get; } = new();

    public bool ThrowAfterCapture { get; init; }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void AddProvider(ILoggerProvider provider) => throw new NotSupportedException();

    public void Dispose()
    {
    }

    /// <summary>Waits until a log call matches (<see cref="Eventually"/>) and returns it.</summary>
    public Task<CapturedLog> WaitForAsync(Func<CapturedLog, bool> match, string what, TimeSpan? timeout = null) =>
        Eventually.ValueAsync(() => Logs.FirstOrDefault(match), found => found is not null, "a log: " + what, timeout)!;

    private sealed class CapturingLogger(CapturingLoggerFactory owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.GroupBy(p => p.Key).ToDictionary(g => g.Key, g => g.First().Value)
                : new Dictionary<string, object?>();
            owner.Logs.Enqueue(new CapturedLog(category, logLevel, eventId, formatter(state, exception), fields, exception));
            if (owner.ThrowAfterCapture)
            {
                throw new InvalidOperationException("logger down");
            }
        }
    }
}
