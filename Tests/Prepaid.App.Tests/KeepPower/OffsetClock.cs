namespace Prepaid.App.Tests.KeepPower;

/// <summary>
/// The system clock moved by an offset a test sets: wall time jumps (expiries fall due) while timers and delays keep
/// running in real time, so the live host's pollers go on working.
/// </summary>
public sealed class OffsetClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
