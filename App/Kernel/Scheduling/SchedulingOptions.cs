namespace Prepaid.App.Kernel.Scheduling;

/// <summary>The <c>Scheduling</c> section: the Quartz scheduler that runs the site's timed jobs.</summary>
public sealed class SchedulingOptions
{
    public const string SectionName = "Scheduling";

    /// <summary>Run scheduled jobs in this process (off in tests that drive jobs by hand).</summary>
    public bool Enabled { get; set; } = true;
}
