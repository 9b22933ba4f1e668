using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Accounts.Desk;
using Prepaid.App.Persistence;
using Prepaid.App.Simulation;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Hosting;
namespace Prepaid.App.Demo.History;

/// <summary>What a history run produced.</summary>
public sealed record DemoHistoryResult(DateTimeOffset From, DateTimeOffset To, int Steps, int Readings, int Recharges, int Trips, int Restores, TimeSpan Elapsed);

/// <summary>
/// Produces the demo mall's past by running the product over simulated time: from the seed instant to now in
/// 15-minute steps, every simulated meter is read through its driver and the readings go through the real
/// <see cref="Readings.ReadingProcessor"/>; every hour platform billing charges the closed intervals and the relay
/// policy trips the meters in arrears (journaled, read back); tenants recharge at the desk through the cashier
/// service during opening hours (most when the balance reaches alarm amount 1, some only after the trip), recharges
/// of meter-billing accounts are delivered to the meters with the purchase protocol; property fees and public-area
/// sharing run when due. Deterministic: the demo seed drives every choice.
/// </summary>
public sealed class DemoHistory(
    IServiceProvider services,
    IDbContextFactory<PrepaidDb> factory,
    IOptions<DemoOptions> options,
    IOptions<SimulationOptions> simulation,
    ILogger<DemoHistory> logger)
{
    public static readonly TimeSpan Step = TimeSpan.FromMinutes(15);
    public const string CashierUser = "cashier";

    /// <summary>The instant a history of <see cref="DemoOptions.HistoryDays"/> starts (the seed instant), on a 15-minute boundary.</summary>
    public static DateTimeOffset StartFor(DateTimeOffset now, int days)
    {
        var start = now.AddDays(-days);
        return new DateTimeOffset(start.UtcTicks - (start.UtcTicks % Step.Ticks), TimeSpan.Zero);
    }

    /// <summary>Runs the history from <paramref name="from"/> (the seed instant) to <paramref name="to"/>.</summary>
    public async Task<DemoHistoryResult> RunAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken, StartHold? progress = null)
    {
        try
        {
            return await RunCoreAsync(from, to, progress, cancellationToken);
        }
        finally
        {
            HistoryDbFactory.Release();
        }
    }

    private async Task<DemoHistoryResult> RunCoreAsync(DateTimeOffset from, DateTimeOffset to, StartHold? progress, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var clock = new HistoryClock(from);
        var topology = await new SimulationTopologyLoader(factory).LoadAsync(from, cancellationToken);
        await using var simulator = new MallSimulator(topology, new MallSimulatorOptions { TimeProvider = clock, Seed = simulation.Value.Seed });
        var meters = new InProcessMeters(simulator, clock);
        var historyFactory = new HistoryDbFactory(factory);
        var engine = new HistoryEngine(services, clock, meters, historyFactory, options.Value.RandomSeed);
        var incidents = await HistoryIncidents.LoadAsync(factory, meters, options.Value.RandomSeed, cancellationToken);
        var room = engine.ControlRoom;
        var tenants = await HistoryTenants.LoadAsync(factory, options.Value.RandomSeed, cancellationToken);
        var cashier = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, CashierUser), new Claim(ClaimTypes.Role, Roles.Finance)], "demo-history"));
        var zone = tenants.Zone;

        int steps = 0, readings = 0, recharges = 0;
        var phases = new HistoryPhases();
        var pending = new List<Prepaid.App.Kernel.Contracts.AcquiredReading>();
        var lastDay = SiteTime.Today(from, zone);
        IReadOnlySet<int> feeTripped = new HashSet<int>();
        for (var t = from + Step; t <= to; t += Step)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Set(t);
            var local = TimeZoneInfo.ConvertTime(t, zone);
            incidents.BeforeRead(local);
            var batch = await phases.TimeAsync(HistoryPhase.Read, () => meters.ReadAllAsync(cancellationToken));
            pending.AddRange(batch);
            // Demand for the next quarter hour, as the running simulator refreshes it, and the day's excess loads.
            simulator.UpdateLoads();
            incidents.AfterLoads(local);
            readings += batch.Count;
            steps++;
            await phases.TimeAsync(HistoryPhase.Alarms, () => room.StoreEventsAsync(incidents.Edges(batch, t), cancellationToken));

            if (local.Minute == 0)
            {
                // An hour of readings in one batch: the processor orders each meter's readings by source time.
                var processed = await phases.TimeAsync(HistoryPhase.Process, () => engine.Processor.ProcessAsync(pending, cancellationToken));
                pending = [];
                await phases.TimeAsync(HistoryPhase.Bill, () => engine.Biller.BillAsync(cancellationToken));
                await phases.TimeAsync(HistoryPhase.Relay, () => EvaluateLowAsync(engine, tenants, cancellationToken));
                feeTripped = await phases.TimeAsync(HistoryPhase.Relay, () => EvaluateFeesAsync(engine, historyFactory, cancellationToken));
                await phases.TimeAsync(HistoryPhase.Alarms, async () =>
                {
                    await room.AfterProcessAsync(processed, cancellationToken);
                    if (local.Hour == 0)
                    {
                        // The nightly loss check (00:40 live) on the day just processed up to midnight.
                        await room.LossCheckAsync(cancellationToken);
                    }

                    await room.PollAsync(cancellationToken);
                    await room.DutyRoundAsync(cancellationToken);
                });
            }

            if (local.Hour == 2 && local.Minute == 30)
            {
                // The nightly reconciliation (02:30 live): its snapshots are the meters' remaining amounts that the
                // reports' meter deductions start from, and its discrepancies reach the alarm engine.
                await phases.TimeAsync(HistoryPhase.Reconcile, () => engine.Reconciler.RunAsync(cancellationToken));
            }

            recharges += await phases.TimeAsync(HistoryPhase.Desk, () => DeskAsync(engine, meters, tenants, feeTripped, cashier, local, cancellationToken));
            if (local.Minute == 30)
            {
                // Every hour, so a month is charged within the hour after the jobs' configured time on the 1st (and the
                // seed month in the first hour), whatever that time is; a run finds nothing to do on other days.
                await engine.Fees.RunDueAsync(cancellationToken);
                await engine.Sharing.RunDueAsync(cancellationToken);
            }

            var day = DateOnly.FromDateTime(local.DateTime);
            if (day != lastDay)
            {
                lastDay = day;
                progress?.Report((int)((t - from).Ticks / TimeSpan.TicksPerDay));
                logger.LogInformation("Demo history: {Day:yyyy-MM-dd} reached ({Steps} steps, {Readings} readings, {Recharges} recharges, {Elapsed:0} s; {Phases})",
                    day, steps, readings, recharges, watch.Elapsed.TotalSeconds, phases);
            }
        }

        clock.Set(to);
        incidents.EndAll();
        await engine.Processor.ProcessAsync(pending, cancellationToken);
        await engine.Biller.BillAsync(cancellationToken);
        await engine.Delivery.ScanAsync(cancellationToken);
        // A last read, so the live state (and the simulator started next from it) holds every delivered purchase.
        await engine.Processor.ProcessAsync(await meters.ReadAllAsync(cancellationToken), cancellationToken);
        // The live engine may have cached the (empty) alarms while the history ran in the background.
        await services.GetRequiredService<Alarms.AlarmService>().ReloadAsync(cancellationToken);
        var (trips, restores) = await CountCommandsAsync(from, cancellationToken);
        var result = new DemoHistoryResult(from, to, steps, readings, recharges, trips, restores, watch.Elapsed);
        logger.LogInformation("Demo history done: {From:O} to {To:O}, {Steps} steps, {Readings} readings, {Recharges} recharges, {Trips} trips, {Restores} restores in {Elapsed:0.0} s",
            from, to, steps, readings, recharges, trips, restores, watch.Elapsed.TotalSeconds);
        return result;
    }

    /// <summary>Relay policy for the platform meters of accounts at or below alarm amount 1 (notices, trips).</summary>
    private static async Task EvaluateLowAsync(HistoryEngine engine, HistoryTenants tenants, CancellationToken cancellationToken)
    {
        var balances = await engine.Ledger.BalancesAsync(tenants.PlatformAccounts, cancellationToken);
        foreach (var payer in tenants.Payers.Values)
        {
            if (balances.TryGetValue(payer.AccountId, out var balance) && balance <= tenants.AlarmAmount1[payer.AccountId])
            {
                foreach (var meterId in tenants.PlatformMeters[payer.AccountId])
                {
                    await engine.Relay.EvaluateAsync(meterId, cancellationToken);
                }
            }
        }
    }

    /// <summary>The fee-arrears rule for the meter-billed accounts that owe or are tripped for fees; returns the
    /// accounts with a meter off for fees afterwards.</summary>
    private static async Task<IReadOnlySet<int>> EvaluateFeesAsync(HistoryEngine engine, HistoryDbFactory factory, CancellationToken cancellationToken)
    {
        var candidates = await Billing.FeeArrears.FeeArrearsCandidates.LoadAsync(factory, engine.Ledger, cancellationToken);
        var tripped = new HashSet<int>();
        foreach (var accountId in candidates.Due)
        {
            var results = await engine.FeeArrears.EvaluateAsync(accountId, cancellationToken);
            if (results.Any(r => r.Decision.State is Domain.Billing.FeeArrearsState.Remain
                    || (r.Decision.State == Domain.Billing.FeeArrearsState.Trip && r.Command?.State == MeterCommandState.Confirmed)))
            {
                tripped.Add(accountId);
            }
        }

        return tripped;
    }

    /// <summary>Tenants whose desk minute it is and whose money calls for it pay at the cashier. Under meter billing
    /// that money is what the meters hold less the fees owed (the money picture's "available"); a tenant who lets its
    /// money run out also ignores a fee notice until the shop is tripped for it.</summary>
    private async Task<int> DeskAsync(HistoryEngine engine, InProcessMeters meters, HistoryTenants tenants, IReadOnlySet<int> feeTripped, ClaimsPrincipal cashier,
        DateTimeOffset local, CancellationToken cancellationToken)
    {
        var minute = (local.Hour * 60) + local.Minute;
        var due = tenants.Payers.Values.Where(p => p.DeskMinute == minute).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        var balances = await engine.Ledger.BalancesAsync([.. due.Select(p => p.AccountId)], cancellationToken);
        var paid = 0;
        foreach (var payer in due)
        {
            var alarm1 = tenants.AlarmAmount1[payer.AccountId];
            var platform = tenants.PlatformMeters[payer.AccountId];
            var holders = tenants.BalanceMeters[payer.AccountId];
            var ledgerBalance = balances.GetValueOrDefault(payer.AccountId);
            var meterBilled = platform.Count == 0 && holders.Count > 0;
            var balance = meterBilled ? holders.Sum(id => meters.Meter(id).Remaining) + ledgerBalance : ledgerBalance;
            if (balance > (payer.Prompt ? alarm1 : 0m) || (meterBilled && ledgerBalance < 0 && !payer.Prompt && !feeTripped.Contains(payer.AccountId)))
            {
                continue;
            }

            var amount = payer.Amount(alarm1, balance);
            var orderKey = string.Create(CultureInfo.InvariantCulture, $"demo-history-{payer.AccountId}-{local.UtcDateTime:yyyyMMddHHmm}");
            try
            {
                await engine.Cashier.RechargeAsync(cashier, payer.AccountId, amount, payer.Method, orderKey, null, cancellationToken);
                paid++;
            }
            catch (CashierRefusedException e)
            {
                // A hoarding limit or a closed account: the tenant goes home, as at a real desk.
                logger.LogWarning("Demo history: the desk refused {Amount} for account {AccountId}: {Reason}", amount, payer.AccountId, e.Message);
                continue;
            }

            foreach (var meterId in platform)
            {
                await engine.Relay.EvaluateAsync(meterId, cancellationToken);
            }

            if (meterBilled && ledgerBalance < 0)
            {
                // As the live ledger notifier does: the fees are paid, so a fee trip is released at once.
                await engine.FeeArrears.EvaluateAsync(payer.AccountId, cancellationToken);
            }
        }

        if (paid > 0)
        {
            await engine.Delivery.ScanAsync(cancellationToken);
        }

        return paid;
    }

    private async Task<(int Trips, int Restores)> CountCommandsAsync(DateTimeOffset from, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var kinds = await db.MeterCommands.AsNoTracking().Where(c => c.RequestedAt >= from).Select(c => c.Kind).ToListAsync(cancellationToken);
        return (kinds.Count(k => k == MeterCommandKind.Trip), kinds.Count(k => k == MeterCommandKind.Close));
    }
}
