using System.Threading.Channels;
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
/// expiry, over-power duration). Meter ids are queued without duplicates and evaluated by a few workers; a failing
/// evaluation is logged and the meter is evaluated again at the next trigger.
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
    private readonly Channel<int> _queue = Channel.CreateUnbounded<int>();
    private readonly HashSet<int> _queued = [];
    private readonly Lock _gate = new();
    private volatile PlatformMeters _meters = PlatformMeters.Empty;

    /// <summary>Queues a meter for evaluation (no-op when it is already queued).</summary>
    public void Enqueue(int meterId)
    {
        lock (_gate)
        {
            if (!_queued.Add(meterId))
            {
                return;
            }
        }

        _queue.Writer.TryWrite(meterId);
    }

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

        await Task.WhenAll([TickAsync(settings.TickPeriod, stoppingToken), .. Enumerable.Range(0, settings.Workers).Select(_ => WorkAsync(stoppingToken))]);
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

    private async Task WorkAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var meterId in _queue.Reader.ReadAllAsync(cancellationToken))
            {
                lock (_gate)
                {
                    _queued.Remove(meterId);
                }

                try
                {
                    await evaluator.EvaluateAsync(meterId, cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Relay policy evaluation of meter {MeterId} failed; it is evaluated again at the next trigger", meterId);
                    await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

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
