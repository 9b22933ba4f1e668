using Microsoft.EntityFrameworkCore;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Demo.History;

/// <summary>The open accounts of the demo with their meters, alarm amounts and drawn paying habits.</summary>
internal sealed class HistoryTenants
{
    public required TimeZoneInfo Zone { get; init; }
    public required Dictionary<int, TenantPayer> Payers { get; init; }
    public required Dictionary<int, decimal> AlarmAmount1 { get; init; }
    public required Dictionary<int, List<int>> PlatformMeters { get; init; }
    public required Dictionary<int, List<int>> BalanceMeters { get; init; }
    public required List<int> PlatformAccounts { get; init; }

    public static async Task<HistoryTenants> LoadAsync(IDbContextFactory<PrepaidDb> factory, int seed, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var zoneId = await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => s.TimeZoneId).FirstAsync(cancellationToken);
        var accounts = await db.Accounts.AsNoTracking().Where(a => a.ClosedAt == null).OrderBy(a => a.Id).ToListAsync(cancellationToken);
        var meters = await db.Meters.AsNoTracking().Where(m => m.AccountId != null).ToListAsync(cancellationToken);
        var random = new Random(seed);
        bool Prepaid(Meter m) => m.Profile is MeterProfile.PrepaidSinglePhase or MeterProfile.PrepaidThreePhase or MeterProfile.PrepaidWater;
        var platform = accounts.ToDictionary(a => a.Id, a => meters.Where(m => m.AccountId == a.Id && m.BillingMode == BillingMode.Platform && Prepaid(m)).Select(m => m.Id).ToList());
        return new HistoryTenants
        {
            Zone = SiteTime.Zone(zoneId),
            Payers = accounts.ToDictionary(a => a.Id, a => TenantPayer.Draw(a.Id, random)),
            AlarmAmount1 = accounts.ToDictionary(a => a.Id, a => a.AlarmAmount1),
            PlatformMeters = platform,
            BalanceMeters = accounts.ToDictionary(a => a.Id, a => meters.Where(m => m.AccountId == a.Id && RechargeDeliveryService.HoldsBalance(m)).Select(m => m.Id).ToList()),
            PlatformAccounts = [.. platform.Where(p => p.Value.Count > 0).Select(p => p.Key)],
        };
    }
}
