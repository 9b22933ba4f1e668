using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Billing.MeterBilling;

/// <summary>
/// Tenant notices for meters that bill by themselves: the meter's remaining amount, mirrored in the live state at
/// every poll, against the account's alarm amounts (the ones pushed to the meter), with the platform's rule
/// (<see cref="RelayPolicy.LevelOf"/>: level 1 at alarm amount 1, 2 at alarm amount 2, 3 at zero; each level once per
/// descent, re-armed when the amount rises above it). Stored in <c>TenantNotices</c> like the platform's, per meter,
/// since each meter holds its own balance. The last level sent is kept in memory and, after a start, taken from the
/// meter's newest notice, so a restart repeats nothing.
/// </summary>
public sealed class MeterBillingNoticeService(IDbContextFactory<PrepaidDb> factory, LiveStateCache cache, TimeProvider time, ILogger<MeterBillingNoticeService> logger)
{
    private sealed record Target(int AccountId, int TenantId, decimal AlarmAmount1, decimal AlarmAmount2);

    private static readonly TimeSpan TargetsMaxAge = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly ConcurrentDictionary<int, NoticeLevel> _lastSent = new();
    private IReadOnlyDictionary<int, Target> _targets = new Dictionary<int, Target>();
    private DateTimeOffset _targetsAt = DateTimeOffset.MinValue;

    /// <summary>Checks the meters a batch changed; returns how many notices were stored.</summary>
    public async Task<int> CheckAsync(IReadOnlySet<int> meterIds, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (now - _targetsAt > TargetsMaxAge)
            {
                _targets = await LoadTargetsAsync(cancellationToken);
                _targetsAt = now;
            }

            var stored = 0;
            foreach (var meterId in meterIds)
            {
                if (_targets.TryGetValue(meterId, out var target)
                    && await cache.GetAsync(meterId, cancellationToken) is { Quality: ValueQuality.Good, RemainingYuan: { } remaining }
                    && await CheckMeterAsync(meterId, target, remaining, now, cancellationToken))
                {
                    stored++;
                }
            }

            return stored;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<bool> CheckMeterAsync(int meterId, Target target, decimal remaining, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var level = RelayPolicy.LevelOf(remaining, target.AlarmAmount1, target.AlarmAmount2);
        if (!_lastSent.TryGetValue(meterId, out var last))
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            last = await db.TenantNotices.AsNoTracking().Where(n => n.MeterId == meterId && n.AccountId == target.AccountId)
                .OrderByDescending(n => n.Id).Select(n => (NoticeLevel?)n.Level).FirstOrDefaultAsync(cancellationToken) ?? NoticeLevel.None;
        }

        // Equal: already sent in this descent. Lower: the amount rose (a purchase), which re-arms the levels above.
        if (level <= last)
        {
            _lastSent[meterId] = level;
            return false;
        }

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            db.TenantNotices.Add(new TenantNotice
            {
                TenantId = target.TenantId, AccountId = target.AccountId, MeterId = meterId, Level = level, Balance = remaining, At = now,
                Channel = TenantNotice.PendingChannel,
            });
            await db.SaveChangesAsync(cancellationToken);
        }

        _lastSent[meterId] = level;
        logger.LogInformation("Tenant notice {Level} for meter {MeterId} (remaining {Remaining} yuan on the meter)", level, meterId, remaining);
        return true;
    }

    private async Task<IReadOnlyDictionary<int, Target>> LoadTargetsAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Meters.AsNoTracking()
            .Where(m => m.BillingMode == BillingMode.Meter && m.AccountId != null
                && (m.Profile == MeterProfile.PrepaidSinglePhase || m.Profile == MeterProfile.PrepaidThreePhase || m.Profile == MeterProfile.PrepaidWater))
            .Join(db.Accounts.Where(a => a.ClosedAt == null), m => m.AccountId, a => a.Id, (m, a) => new { m.Id, AccountId = a.Id, a.TenantId, a.AlarmAmount1, a.AlarmAmount2 })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Id, r => new Target(r.AccountId, r.TenantId, r.AlarmAmount1, r.AlarmAmount2));
    }
}
