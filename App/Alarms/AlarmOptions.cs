using System.ComponentModel.DataAnnotations;

namespace Prepaid.App.Alarms;

/// <summary>Section <c>Alarms</c>: how often the engine looks at its sources and clocks.</summary>
public sealed class AlarmOptions
{
    public const string SectionName = "Alarms";

    /// <summary>Runs the sources and the clock loop (off only for tests that drive the service by hand).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the stored events and the command journal are read, and delays and shelves are checked.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest shelf an operator may set.</summary>
    public TimeSpan MaxShelve { get; set; } = TimeSpan.FromDays(7);

    /// <summary>While an alarm chattered within this time its condition waits at least <see cref="ChatterOffDelay"/> before clearing.</summary>
    public TimeSpan ChatterHold { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The off-delay a chattering alarm gets.</summary>
    public TimeSpan ChatterOffDelay { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Most rows one history search or export returns.</summary>
    [Range(100, 1_000_000)]
    public int MaxHistoryRows { get; set; } = 50_000;

    public bool IsValid =>
        PollInterval > TimeSpan.Zero && MaxShelve > TimeSpan.Zero && ChatterHold >= TimeSpan.Zero && ChatterOffDelay >= TimeSpan.Zero;
}
