using Prepaid.App.Kernel.Notifications;

namespace Prepaid.App.Kernel.Live;

/// <summary>Tells subscribers which meters' live state changed (meter ids), coalesced per subscriber every 500 ms by default.</summary>
public sealed class LiveStateNotifier(TimeProvider time, ILogger<LiveStateNotifier> logger) : Notifier<int>(time, logger);
