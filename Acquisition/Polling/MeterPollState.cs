using Prepaid.Acquisition.Drivers;

namespace Prepaid.Acquisition.Polling;

/// <summary>
/// One meter on a bus: its configuration and driver, when it is due next (fast and full read), its back-off after
/// failed polls and its counters. Changed under the bus poller's lock.
/// </summary>
internal sealed class MeterPollState(MeterConfig config, IMeterDriver driver, DateTimeOffset addedAt)
{
    public MeterConfig Config { get; set; } = config;

    public IMeterDriver Driver { get; } = driver;

    public DateTimeOffset AddedAt { get; } = addedAt;

    public DateTimeOffset NextDue { get; set; } = addedAt;

    public DateTimeOffset NextFull { get; set; } = addedAt;

    public DateTimeOffset? LastGood { get; private set; }

    public DateTimeOffset? LastAttempt { get; private set; }

    public string? LastError { get; private set; }

    public int ConsecutiveFailures { get; private set; }

    public int BackoffMultiplier { get; private set; } = 1;

    public long Polls { get; private set; }

    public long Failures { get; private set; }

    public void Record(MeterReading reading, DateTimeOffset now, AcquisitionOptions options, out bool backedOff, out bool recovered)
    {
        Polls++;
        LastAttempt = now;
        backedOff = recovered = false;
        if (reading.IsGood)
        {
            recovered = BackoffMultiplier > 1;
            LastGood = reading.SourceTime;
            LastError = null;
            ConsecutiveFailures = 0;
            BackoffMultiplier = 1;
        }
        else
        {
            Failures++;
            ConsecutiveFailures++;
            LastError = reading.Error;
            var previous = BackoffMultiplier;
            var exponent = ConsecutiveFailures - options.BackoffAfterFailures + 1;
            BackoffMultiplier = exponent <= 0 ? 1 : (int)Math.Min(options.MaxBackoffMultiplier, 1L << Math.Min(exponent, 30));
            backedOff = BackoffMultiplier > previous;
        }

        var period = Config.FastPeriod > TimeSpan.Zero || BackoffMultiplier == 1 ? Config.FastPeriod : options.BusProbeInterval;
        NextDue = now + (period * BackoffMultiplier);
    }

    public void ResetBackoff(DateTimeOffset now)
    {
        ConsecutiveFailures = 0;
        BackoffMultiplier = 1;
        NextDue = now;
    }

    public MeterSnapshot Snapshot(DateTimeOffset now, AcquisitionOptions options)
    {
        var age = now - (LastGood ?? AddedAt);
        var state = age > options.LostAfter ? MeterCommState.Lost
            : age > options.StaleAfter ? MeterCommState.Stale
            : LastGood is null ? MeterCommState.Pending : MeterCommState.Online;
        return new MeterSnapshot(Config.Id, Config.UnitId, Config.Profile, state, LastGood, LastAttempt, LastError, ConsecutiveFailures, BackoffMultiplier, Polls, Failures);
    }
}
