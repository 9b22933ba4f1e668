using Prepaid.App.Kernel.Notifications;

namespace Prepaid.App.Alarms;

/// <summary>Tells subscribers that alarms changed; coalesced per subscriber every 250 ms by default.</summary>
public sealed class AlarmNotifier(TimeProvider time, ILogger<AlarmNotifier> logger) : Notifier<AlarmNotifier.Change>(time, logger)
{
    /// <summary>The one payload: alarms changed (subscribers re-read what they show).</summary>
    public readonly record struct Change;

    /// <inheritdoc />
    public override TimeSpan DefaultInterval => TimeSpan.FromMilliseconds(250);

    /// <summary>Says that alarms changed.</summary>
    public void Publish() => Publish(default(Change));
}
