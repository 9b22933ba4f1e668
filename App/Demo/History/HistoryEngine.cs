using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Fees;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Billing.FeeArrears;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Billing.Platform;
using Prepaid.App.Billing.Relay;
using Prepaid.App.Sharing;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Readings;
namespace Prepaid.App.Demo.History;

/// <summary>
/// The product's own services, built a second time on the <see cref="HistoryClock"/> and the in-process meters, so
/// the history is produced by the same code paths as live operation: readings, platform billing, the relay policy
/// with journaled commands, the fee-arrears trips, the cashier, meter-billing delivery and its nightly reconciliation, property fees and public-area sharing, and the alarm
/// engine with its sources and the nightly loss check (<see cref="HistoryControlRoom"/>).
/// </summary>
internal sealed class HistoryEngine
{
    public HistoryEngine(IServiceProvider services, HistoryClock clock, InProcessMeters meters, HistoryDbFactory factory, int seed)
    {
        // Every service that writes gets the history's contexts.
        T Make<T>(params object[] args) => ActivatorUtilities.CreateInstance<T>(services, [factory, .. args]);

        Ledger = Make<LedgerService>(clock, ActivatorUtilities.CreateInstance<LedgerNotifier>(services));
        var runner = Make<MeterCommandRunner>(clock);
        Processor = Make<ReadingProcessor>(clock);
        Biller = Make<PlatformBiller>(Ledger);
        ControlRoom = new HistoryControlRoom(services, factory, clock, runner, meters, seed);
        Relay = Make<RelayPolicyEvaluator>(Ledger, runner, (ICommandSubmitter)meters, clock, ControlRoom.OperatorSink);
        Cashier = Make<RechargeService>(Ledger, clock, Make<AuditLog>(clock));
        Delivery = Make<RechargeDeliveryService>(runner, (ICommandSubmitter)meters, clock, ControlRoom.OperatorSink);
        Reconciler = Make<MeterReconciler>(clock, ControlRoom.OperatorSink);
        FeeArrears = Make<FeeArrearsEvaluator>(runner, (ICommandSubmitter)meters, clock);
        Fees = Make<PropertyFeeService>(Ledger, clock);
        Sharing = Make<SharingRunService>(Ledger, clock);
    }

    public LedgerService Ledger { get; }
    public ReadingProcessor Processor { get; }
    public PlatformBiller Biller { get; }
    public RelayPolicyEvaluator Relay { get; }
    public RechargeService Cashier { get; }
    public RechargeDeliveryService Delivery { get; }
    public MeterReconciler Reconciler { get; }
    public FeeArrearsEvaluator FeeArrears { get; }
    public PropertyFeeService Fees { get; }
    public HistoryControlRoom ControlRoom { get; }
    public SharingRunService Sharing { get; }
}
