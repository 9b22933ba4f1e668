using System.ComponentModel.DataAnnotations;

namespace Prepaid.App.Demo;

/// <summary>The <c>Demo</c> configuration section: the reference mall seeded into an empty database.</summary>
public sealed class DemoOptions
{
    public const string SectionName = "Demo";

    public bool Enabled { get; set; }

    /// <summary>Fixed random seed: the same seed always gives the same mall.</summary>
    public int RandomSeed { get; set; } = 20261123;

    /// <summary>Days of history produced by running the product over simulated time after the first seed (0: none). Up to
    /// <see cref="SynchronousHistoryDays"/> (the default) it runs before the server answers; longer (two months for a full
    /// demo) it runs in the background after start, with the live services held until it is done (see README, Demo history).</summary>
    [Range(0, 400)]
    public int HistoryDays { get; set; } = 3;

    /// <summary>Histories up to this many days run before the server answers; longer ones run in the background after
    /// start while a banner shows the progress and the live services wait for them.</summary>
    [Range(0, 400)]
    public int SynchronousHistoryDays { get; set; } = 3;

    /// <summary>Address the demo gateways are configured at; the built-in simulator listens there.</summary>
    [Required]
    public string GatewayHost { get; set; } = "127.0.0.1";

    /// <summary>First TCP port; gateway g (0-based) exposes serial port p (1-based) at FirstPort + 10 g + p.</summary>
    [Range(1024, 65000)]
    public int FirstPort { get; set; } = 15100;
}
