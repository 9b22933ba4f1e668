using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Kernel.Hosting;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.Relay;

/// <summary>
/// Runs the relay policy of platform-billing meters in the background: at once when a balance changes (recharge,
/// charge, property fee, sharing), when new readings arrive (live power) and on a periodic tick (keep-power
/// expiry, over-power duration). Meter ids are queued without duplicates and evaluated by a few workers
/// (<see cref="UniqueWorkQueue{T}"/>).
/// </summary>
public sealed class RelayPolicyService(
    IDbContextFactory<PrepaidDb> factory,
    RelayPolicyEvaluator evaluator,
    LedgerNotifier ledgerNotifier,
    LiveStateNotifier liveNotifier,
    IOptions<RelayPolicyOptions> options,
    TimeProvider time,
    ILogger<RelayPolicyService> logger,
    StartGate startGate) : BackgroundService
{
    private readonly UniqueWorkQueue<int> _queue = new("Relay policy", time, logger);
    private volatile PlatformMeters _meters = PlatformMeters.Empty;

    /// <summary>Queues a meter for evaluation (no-op when it is already queued).</summary>
    public void Enqueue(int meterId) => _queue.Enqueue(meterId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await startGate.WaitAsync(StartStage.PastWritten, stoppingToken);
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return;
        }

        using var ledgerSubscription = ledgerNotifier.Subscribe(change =>
        {
            foreach (var meterId in _meters.OfAccount(change.AccountId))
            {
                Enqueue(meterId);
            }
        });
        using var liveSubscription = liveNotifier.Subscribe(changed =>
        {
            var meters = _meters;
            foreach (var meterId in changed.Where(meters.Contains))
            {
                Enqueue(meterId);
            }

            return Task.CompletedTask;
        }, TimeSpan.FromSeconds(1));

        await Task.WhenAll(TickAsync(settings.TickPeriod, stoppingToken),
            _queue.RunAsync(settings.Workers, async (meterId, ct) => await evaluator.EvaluateAsync(meterId, ct), stoppingToken));
    }

    // Refreshes the list of platform-billing meters and queues them all: keep-power expiry and over-power durations
    // need an evaluation even when nothing else triggers one.
    private Task TickAsync(TimeSpan period, CancellationToken cancellationToken) =>
        new GuardedLoop("Relay policy tick", time, logger).RunAsync(async ct =>
        {
            _meters = await PlatformMeters.LoadAsync(factory, ct);
            foreach (var meterId in _meters.All)
            {
                Enqueue(meterId);
            }
        }, period, cancellationToken);

    /// <summary>The platform-billing prepaid meters by account, refreshed at every tick.</summary>
    private sealed class PlatformMeters(Dictionary<int, int[]> byAccount)
    {
        public static PlatformMeters Empty { get; } = new([]);

        private readonly HashSet<int> _all = [.. byAccount.Values.SelectMany(v => v)];

        public IEnumerable<int> All => _all;

        public bool Contains(int meterId) => _all.Contains(meterId);

        public IReadOnlyList<int> OfAccount(int accountId) => byAccount.GetValueOrDefault(accountId) ?? [];

        public static async Task<PlatformMeters> LoadAsync(IDbContextFactory<PrepaidDb> factory, CancellationToken cancellationToken)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var meters = await db.Meters.AsNoTracking()
                .Where(m => m.BillingMode == BillingMode.Platform && m.AccountId != null
                    && (m.Profile == MeterProfile.PrepaidSinglePhase || m.Profile == MeterProfile.PrepaidThreePhase || m.Profile == MeterProfile.PrepaidWater))
                .Select(m => new { m.Id, AccountId = m.AccountId!.Value }).ToListAsync(cancellationToken);
            return new PlatformMeters(meters.GroupBy(m => m.AccountId).ToDictionary(g => g.Key, g => g.Select(m => m.Id).ToArray()));
        }
    }
}
