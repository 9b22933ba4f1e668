namespace Prepaid.Acquisition.Drivers;

/// <summary>A command for a meter, whatever the protocol; see the derived records.</summary>
public abstract record MeterCommandRequest;

/// <summary>Forced trip: open the relay whatever the balance.</summary>
public sealed record TripCommand : MeterCommandRequest;

/// <summary>Forced close, keep power (保电): the relay stays closed whatever the balance.</summary>
public sealed record KeepPowerCommand : MeterCommandRequest;

/// <summary>Release forced control: the meter returns to automatic prepaid control.</summary>
public sealed record ReleaseControlCommand : MeterCommandRequest;

/// <summary>
/// Read the meter now (real-time block and, for prepaid electricity meters, the parameter block), ahead of the poll
/// schedule; handled by the bus poller, which passes the reading on like any poll. Confirmed when the reading is good.
/// </summary>
public sealed record ReadStateCommand : MeterCommandRequest;

/// <summary>Open a water meter's valve.</summary>
public sealed record OpenValveCommand : MeterCommandRequest;

/// <summary>Close a water meter's valve.</summary>
public sealed record CloseValveCommand : MeterCommandRequest;

/// <summary>Push prepaid parameters; null parts are left as they are.</summary>
/// <param name="Prices">The four rate prices in yuan per unit (0.0001 resolution).</param>
/// <param name="AlarmAmount1">Alarm amount 1 in yuan (0.01 resolution).</param>
/// <param name="AlarmAmount2">Alarm amount 2 in yuan, not above alarm amount 1.</param>
/// <param name="OverdraftLimit">Overdraft limit in yuan.</param>
public sealed record PushParametersCommand(MeterPrices? Prices, decimal? AlarmAmount1, decimal? AlarmAmount2, decimal? OverdraftLimit) : MeterCommandRequest;

/// <summary>Push the power limit.</summary>
/// <param name="Enabled">Limit on.</param>
/// <param name="MaxPowerKw">Maximum power in kW (0.01 resolution).</param>
/// <param name="DurationSeconds">How long power may stay above the limit before the meter trips.</param>
public sealed record PushPowerLimitCommand(bool Enabled, decimal MaxPowerKw, int DurationSeconds) : MeterCommandRequest;

/// <summary>
/// Deliver a purchase exactly once (purchase count, Domain/Billing/README.md). The driver reads the count N, calls
/// <see cref="PersistIntent"/> with "expect N+1" before writing anything, writes, and reads back.
/// </summary>
/// <param name="Amount">Amount in yuan (0.01 resolution), positive.</param>
public sealed record DeliverPurchaseCommand(decimal Amount) : MeterCommandRequest
{
    /// <summary>Stores the intent durably before the write; the delivery stops if it throws.</summary>
    public Func<PurchaseIntent, CancellationToken, Task>? PersistIntent { get; init; }
}

/// <summary>
/// Finishes a purchase whose intent was persisted before a stop (step 5 of the purchase-count protocol): the count is read back
/// first; count N+1 means delivered and nothing is written, count N means not applied and the same purchase is
/// written again, anything else needs an operator.
/// </summary>
/// <param name="Intent">The intent persisted before the first write.</param>
public sealed record ResumePurchaseCommand(PurchaseIntent Intent) : MeterCommandRequest;
