using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Demo.History;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;
using Xunit;

namespace Prepaid.App.Tests.Demo;

public sealed class DemoHistoryTests
{
    [Fact]
    public async Task RunAsync_OneDayOnTheDemoMall_ProducesConsistentHistory()
    {
        // A fixed day, so the incidents the seed draws for it (a silent meter, an over-power trip ...) are the same every run.
        var clock = new FakeTimeProvider(TestTime.DefaultStart);
        await using var factory = new PrepaidAppFactory();
        await using var app = DemoHistoryHost.Create(factory, clock);
        var services = app.Services;
        var history = services.GetRequiredService<DemoHistory>();
        var dbFactory = services.GetRequiredService<IDbContextFactory<PrepaidDb>>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        // The seed instant is now: start on the next quarter hour after it.
        var from = DemoHistory.StartFor(now, 0).AddMinutes(30);

        var result = await history.RunAsync(from, from.AddDays(1), CancellationToken.None);

        Assert.Equal(96, result.Steps);
        Assert.True(result.Recharges > 0, "some tenants recharged at the desk");
        await using var db = await dbFactory.CreateDbContextAsync();
        var entries = await db.LedgerEntries.AsNoTracking().ToListAsync();
        var balances = await services.GetRequiredService<LedgerService>().BalancesAsync(null, CancellationToken.None);
        foreach (var account in entries.GroupBy(e => e.AccountId))
        {
            Assert.Equal(account.Sum(e => e.Amount), balances[account.Key]);
        }

        var charges = entries.Where(e => e.Kind is LedgerEntryKind.EnergyCharge or LedgerEntryKind.WaterCharge).ToList();
        Assert.NotEmpty(charges);
        var intervals = (await db.IntervalEnergies.AsNoTracking().Select(i => new { i.MeterId, i.IntervalStart }).ToListAsync())
            .Select(i => $"{i.MeterId}:{i.IntervalStart.UtcDateTime:yyyy-MM-ddTHH:mm}Z").ToHashSet();
        Assert.All(charges, c =>
        {
            Assert.Equal("interval", c.CauseType);
            Assert.Contains(c.CauseId!, intervals);
            Assert.InRange(c.OccurredAt, from, from.AddDays(1));
        });

        var recharges = entries.Where(e => e.Kind == LedgerEntryKind.Recharge).ToList();
        Assert.Equal(result.Recharges, recharges.Count);
        Assert.All(recharges, r => Assert.Equal(DemoHistory.CashierUser, r.RecordedBy));
        Assert.Equal(recharges.Count, await db.Receipts.CountAsync());

        var deliveries = await db.RechargeDeliveries.AsNoTracking().ToListAsync();
        Assert.NotEmpty(deliveries);
        Assert.All(deliveries, d => Assert.Equal(RechargeDeliveryState.Delivered, d.State));
        var commands = await db.MeterCommands.AsNoTracking().ToListAsync();
        Assert.All(commands, c => Assert.Equal(MeterCommandState.Confirmed, c.State));
        Assert.All(deliveries, d => Assert.Contains(commands, c => c.Id == d.MeterCommandId));
        // The relay policy trips and closes; the duty electrician releases a meter that tripped itself on over-power.
        Assert.All(commands.Where(c => c.Kind is MeterCommandKind.Trip or MeterCommandKind.Close),
            c => Assert.Contains(c.RequestedBy, new[] { "relay-policy", HistoryControlRoom.Electrician }));

        // The history ran the nightly reconciliation at 02:30 and found every meter-billing meter holding what the
        // platform delivered; a run right after it compares (or finds already compared) every one of them, again clean.
        Assert.True(await db.ReconciliationSnapshots.CountAsync() > 300);
        Assert.Equal(0, await db.ReconciliationDiscrepancies.CountAsync());
        var reconciler = ActivatorUtilities.CreateInstance<MeterReconciler>(services, (TimeProvider)new HistoryClock(from.AddDays(1)));
        var reconciliation = await reconciler.RunAsync(CancellationToken.None);
        Assert.True(reconciliation.Meters + reconciliation.Skipped > 300);
        Assert.Empty(reconciliation.Discrepancies);
    }

    [Fact]
    public async Task RunAsync_SameSeedTwice_SameLedger()
    {
        var from = DemoHistory.StartFor(DateTimeOffset.UtcNow, 0).AddMinutes(30);

        var first = await LedgerAfterAsync(from);
        var second = await LedgerAfterAsync(from);

        Assert.True(first.Count > 0);
        Assert.Equal(first, second);
    }

    private static async Task<List<string>> LedgerAfterAsync(DateTimeOffset from)
    {
        await using var factory = new PrepaidAppFactory();
        await using var app = DemoHistoryHost.Create(factory);
        await app.Services.GetRequiredService<DemoHistory>().RunAsync(from, from.AddHours(6), CancellationToken.None);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        return (await db.LedgerEntries.AsNoTracking().Where(e => e.Kind != LedgerEntryKind.OpeningBalance).ToListAsync())
            .Select(e => $"{e.IdempotencyKey} {e.Amount} {e.OccurredAt:O}").Order(StringComparer.Ordinal).ToList();
    }
}
