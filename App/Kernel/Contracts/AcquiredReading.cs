using Prepaid.Acquisition.Drivers;
using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Contracts;

/// <summary>A driver's reading of a configured meter, as it leaves the bus poller.</summary>
public sealed record AcquiredReading(int MeterId, MeterReading Reading);

/// <summary>What a processed batch changed, for the live cache and the logs.</summary>
public sealed record ProcessedBatch(IReadOnlyList<MeterLiveState> States, int Intervals, int Freezes, int Events);
