using Prepaid.App.Kernel.Notifications;

namespace Prepaid.App.Kernel.Ledger;

/// <summary>
/// Tells in-process listeners (the relay policy, meter-billing delivery, open account pages) that a balance moved,
/// after the commit. A listener that throws is logged and does not stop the others.
/// </summary>
public sealed class LedgerNotifier(TimeProvider time, ILogger<LedgerNotifier> logger) : Notifier<LedgerChange>(time, logger);
