using System.ComponentModel.DataAnnotations;

namespace Prepaid.App.Readings;

/// <summary>The <c>Acquisition</c> section: polling the configured gateways and feeding the reading processor.</summary>
public sealed class AcquisitionServiceOptions
{
    public const string SectionName = "Acquisition";

    /// <summary>Poll the database's gateways (on for the demo and for production sites).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each meter's real-time block is read; with the bus cycle it bounds the state's age.</summary>
    public TimeSpan FastPeriod { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the prepaid parameter block is read as well.</summary>
    public TimeSpan FullPeriod { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Readings processed in one transaction at most.</summary>
    [Range(1, 100_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>How long the processor waits to fill a batch once a reading is there.</summary>
    public TimeSpan BatchWindow { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How often the database configuration is compared with the running one.</summary>
    public TimeSpan ConfigurationRefresh { get; set; } = TimeSpan.FromSeconds(15);

    public bool IsValid =>
        FastPeriod > TimeSpan.Zero && FullPeriod >= FastPeriod && BatchWindow > TimeSpan.Zero && ConfigurationRefresh > TimeSpan.Zero;
}
