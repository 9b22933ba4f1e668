using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.Benchmarks.CrashLoop;

/// <summary>What the audit after the last round found; every count but the totals is a violation.</summary>
internal sealed record CrashAudit(int Violations)
{
    public decimal RechargedYuan { get; init; }
    public int PartsDelivered { get; init; }
    public int PurchasesConfirmed { get; init; }
    public decimal PurchasedYuan { get; init; }
    public int Meters { get; init; }
    public int Undelivered { get; init; }
    public int CountGaps { get; init; }
    public int CountRepeats { get; init; }
    public int MemoryMismatches { get; init; }
    public int AmountMismatches { get; init; }
    public int RestartDiscrepancies { get; init; }
}

/// <summary>The crash loop's view of the product's database, opened from outside the server process.</summary>
internal sealed class CrashDatabase : IAsyncDisposable
{
    private readonly BenchDatabase _database;
    private readonly LedgerService _ledger;

    private CrashDatabase(BenchDatabase database)
    {
        _database = database;
        // The server's account gates are in its own process; the ledger's serializable transaction keeps two writers exact.
        _ledger = new LedgerService(database.Factory, new AccountLocks(), new LedgerNotifier(TimeProvider.System, NullLogger<LedgerNotifier>.Instance), TimeProvider.System);
    }

    public static CrashDatabase Open(string folder) => new(BenchDatabase.OpenExisting(Path.Combine(folder, "prepaid.db")));

    /// <summary>Cash recharges of 50 to 900 yuan to random accounts with meter-billing prepaid meters, as a cashier would take them.</summary>
    public async Task<List<string>> PostRechargesAsync(int count, int round, Random random, CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        var meters = await db.Meters.AsNoTracking().Where(m => m.AccountId != null).ToListAsync(cancellationToken);
        var accounts = meters.Where(RechargeDeliveryService.HoldsBalance).Select(m => m.AccountId!.Value).Distinct().Order().ToList();
        var keys = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var key = string.Create(CultureInfo.InvariantCulture, $"crash-loop:{round}:{i}:{Guid.NewGuid():N}");
            await _ledger.PostAsync(new LedgerPosting(accounts[random.Next(accounts.Count)], LedgerEntryKind.Recharge, random.Next(50, 901), key, "crash-loop", PaymentMethod.Cash),
                cancellationToken);
            keys.Add(key);
        }

        return keys;
    }

    public async Task<int> DeliveredCountAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        return await db.RechargeDeliveries.CountAsync(d => d.State == RechargeDeliveryState.Delivered, cancellationToken);
    }

    /// <summary>Meters whose live state shows a purchase count from before the last purchase the platform marked delivered.</summary>
    public async Task<int> LiveStatesBehindDeliveredAsync(CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        var delivered = await db.RechargeDeliveries.AsNoTracking().Where(d => d.State == RechargeDeliveryState.Delivered && d.MeterCommandId != null)
            .Select(d => d.MeterCommandId!.Value).Distinct().ToListAsync(cancellationToken);
        var commands = await db.MeterCommands.AsNoTracking().Where(c => delivered.Contains(c.Id)).ToListAsync(cancellationToken);
        var live = await db.MeterLiveStates.AsNoTracking().Where(s => s.PurchaseCount != null).ToDictionaryAsync(s => s.MeterId, s => s.PurchaseCount, cancellationToken);
        // A meter not read yet since the data folder was made has no live balance at all, so nothing it shows is old.
        return commands.GroupBy(c => c.MeterId).Select(g => g.MaxBy(c => c.Id)!).Count(c =>
            MeterCommandRunner.ReadBackOf(c) is { } readBack
            && live.GetValueOrDefault(c.MeterId) is { } count && ((readBack.Count - count) & 0xFFFF) is > 0 and < 0x8000);
    }

    /// <summary>Waits until every posted recharge is planned and no part or purchase is still on its way.</summary>
    public Task WaitUntilSettledAsync(IReadOnlyCollection<string> keys, TimeSpan timeout, CancellationToken cancellationToken) =>
        Prepaid.Tests.Shared.Eventually.HoldsAsync(async () =>
        {
            await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
            var entries = await db.LedgerEntries.AsNoTracking().Where(e => keys.Contains(e.IdempotencyKey)).Select(e => e.Id).ToListAsync(cancellationToken);
            var planned = await db.RechargeDeliveries.Where(d => entries.Contains(d.LedgerEntryId)).Select(d => d.LedgerEntryId)
                .Union(db.PaymentSettlements.Where(x => entries.Contains(x.PaymentEntryId)).Select(x => x.PaymentEntryId)).Distinct().CountAsync(cancellationToken);
            var open = await db.RechargeDeliveries.CountAsync(d => d.State == RechargeDeliveryState.Pending, cancellationToken)
                + await db.MeterCommands.CountAsync(c => c.Kind == MeterCommandKind.DeliverPurchase && (c.State == MeterCommandState.Requested || c.State == MeterCommandState.Sent), cancellationToken);
            return planned == entries.Count && open == 0;
        }, "every posted recharge planned and delivered", timeout);

    /// <summary>Every meter's confirmed purchases form one unbroken chain of counts that ends where the meter's own memory
    /// is, and carry exactly the yuan of the parts delivered to it.</summary>
    public async Task<CrashAudit> AuditAsync(IReadOnlyCollection<string> keys, string memoryFile, CancellationToken cancellationToken)
    {
        await using var db = await _database.Factory.CreateDbContextAsync(cancellationToken);
        var recharged = (await db.LedgerEntries.AsNoTracking().Where(e => keys.Contains(e.IdempotencyKey)).Select(e => e.Amount).ToListAsync(cancellationToken)).Sum();
        var parts = await db.RechargeDeliveries.AsNoTracking().Where(d => keys.Contains(d.LedgerKey)).ToListAsync(cancellationToken);
        var meterIds = parts.Select(p => p.MeterId).Distinct().ToList();
        var purchases = (await db.MeterCommands.AsNoTracking()
            .Where(c => meterIds.Contains(c.MeterId) && c.Kind == MeterCommandKind.DeliverPurchase && c.State == MeterCommandState.Confirmed).ToListAsync(cancellationToken))
            .Select(c => (Command: c, Payload: JsonSerializer.Deserialize<MeterCommandRunner.PurchasePayload>(c.PayloadJson!)!)).ToList();
        var memory = File.Exists(memoryFile)
            ? JsonSerializer.Deserialize<Dictionary<string, MeterMemoryImage>>(await File.ReadAllBytesAsync(memoryFile, cancellationToken)) ?? []
            : [];
        int gaps = 0, repeats = 0, memoryMismatches = 0, amountMismatches = 0;
        foreach (var meterId in meterIds)
        {
            var chain = purchases.Where(p => p.Command.MeterId == meterId).OrderBy(p => p.Command.Id).Select(p => p.Payload.Intent!.ExpectedCount).ToList();
            for (var i = 1; i < chain.Count; i++)
            {
                if (chain[i] == chain[i - 1])
                {
                    repeats++;
                }
                else if (chain[i] != ((chain[i - 1] + 1) & 0xFFFF))
                {
                    gaps++;
                }
            }

            if (chain.Count > 0 && memory.GetValueOrDefault(meterId.ToString(CultureInfo.InvariantCulture))?.PurchaseCount != chain[^1])
            {
                memoryMismatches++;
            }

            var deliveredYuan = parts.Where(p => p.MeterId == meterId && p.State == RechargeDeliveryState.Delivered).Sum(p => p.Amount);
            var purchasedYuan = purchases.Where(p => p.Command.MeterId == meterId && p.Command.RequestedBy == RechargeDeliveryService.RequestedBy).Sum(p => p.Payload.Amount);
            if (deliveredYuan != purchasedYuan)
            {
                amountMismatches++;
            }
        }

        var undelivered = parts.Count(p => p.State is not (RechargeDeliveryState.Delivered or RechargeDeliveryState.Cancelled));
        var restart = await db.ReconciliationDiscrepancies.CountAsync(d => d.Detail.StartsWith("After a restart"), cancellationToken);
        return new CrashAudit(undelivered + gaps + repeats + memoryMismatches + amountMismatches + restart)
        {
            RechargedYuan = recharged,
            PartsDelivered = parts.Count(p => p.State == RechargeDeliveryState.Delivered),
            PurchasesConfirmed = purchases.Count,
            PurchasedYuan = purchases.Sum(p => p.Payload.Amount),
            Meters = meterIds.Count,
            Undelivered = undelivered,
            CountGaps = gaps,
            CountRepeats = repeats,
            MemoryMismatches = memoryMismatches,
            AmountMismatches = amountMismatches,
            RestartDiscrepancies = restart,
        };
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();
}
