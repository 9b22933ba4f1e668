namespace Prepaid.Acquisition.Tests.Simulator;

/// <summary>Simulated time that moves only when a test says so; timers are the system's.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    /// <summary>2026-07-15 10:00 in the site's zone (UTC+8): a summer weekday in the peak period (08:00-11:00).</summary>
    public static DateTimeOffset SummerMorning { get; } = new(2026, 7, 15, 2, 0, 0, TimeSpan.Zero);

    public ManualTimeProvider()
        : this(SummerMorning)
    {
    }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
