using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Billing.MeterBilling;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Kernel.Commands;
using Prepaid.Acquisition.Polling;
using Prepaid.Domain.Model;
using Xunit.Abstractions;

namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>
/// Exactly-once delivery of meter-billing recharges over thousands of randomized runs: every run posts a recharge to
/// a fresh account (electricity only, water only, or both, split by the rule) whose simulated meters are behind a
/// transport that loses requests and answers (the meter applied the purchase), duplicates writes, times out reads,
/// and "crashes the process" before the write, after the write and before the read-back, and after the command
/// finished but before its part was marked, and after the part was marked but before the carried overdraft its purchase
/// paid off was marked (some single-meter runs carry an overdraft from a meter replacement, deducted from the purchase);
/// each crash is followed by a new process (new runner and delivery
/// service over the same database) that runs the start-up path: the pending-command resume racing the delivery
/// scan. The money on each simulated meter must end exactly at its start plus its part less the overdraft it paid off,
/// and that overdraft must end delivered, by that purchase: nothing lost, nothing doubled, nothing left pending.
/// </summary>
public sealed class RechargeDeliveryFaultTests(ITestOutputHelper output)
{
    private static readonly int Runs = Support.LiveAppFactory.EnvironmentInt("PREPAID_DELIVERY_RUNS", 2000);

    private sealed class CountingAlarms : IOperatorAlarmSink
    {
        public List<OperatorAlarmRaised> Raised { get; } = [];

        public Task RaiseAsync(OperatorAlarmRaised alarm, CancellationToken cancellationToken)
        {
            lock (Raised)
            {
                Raised.Add(alarm);
            }

            return Task.CompletedTask;
        }
    }

    private sealed record Process(MeterCommandRunner Runner, RechargeDeliveryService Service);

    [Fact]
    public async Task Deliver_ThousandsOfRunsWithInjectedFaultsAndCrashes_NoMoneyLostOrDoubled()
    {
        await using var world = await BillingWorld.CreateAsync();
        var random = new Random(20261124);
        var counts = new FaultCounts();
        var bus = new InProcessMeterBus(world.Clock, random, counts);
        var alarms = new CountingAlarms();
        var options = Options.Create(new MeterBillingOptions { DeliveryRetryAfter = TimeSpan.FromSeconds(20) });
        var overdraftCrashes = 0;
        Process Start()
        {
            var runner = new MeterCommandRunner(world.Database, new MeterCommandNotifier(TimeProvider.System, NullLogger<MeterCommandNotifier>.Instance), world.Clock, NullLogger<MeterCommandRunner>.Instance);
            var service = new RechargeDeliveryService(world.Database, world.Ledger, runner, new BusSubmitter(bus), alarms, options, world.Clock, NullLogger<RechargeDeliveryService>.Instance);
            service.AfterCommand = _ =>
            {
                if (Roll(random, 0.04))
                {
                    Interlocked.Increment(ref counts.Crashes);
                    throw new SimulatedCrashException("command finished, part not yet marked");
                }
            };
            service.AfterPartMarked = commandId =>
            {
                // Most often when the purchase carries an overdraft pay-off: that is the stop that leaves a transfer behind.
                using var db = world.Database.CreateDbContext();
                var carries = db.PendingBalanceTransfers.Any(t => t.MeterCommandId == commandId && t.State == BalanceTransferState.Pending);
                if (Roll(random, carries ? 0.25 : 0.04))
                {
                    Interlocked.Increment(ref counts.Crashes);
                    if (carries)
                    {
                        Interlocked.Increment(ref overdraftCrashes);
                    }

                    throw new SimulatedCrashException("part marked, carried overdraft not yet marked");
                }
            };
            return new Process(runner, service);
        }

        var faults = new FaultRates(ReadTimeout: 0.04, CrashOnRead: 0.02, RequestLost: 0.08, AnswerLost: 0.12, DuplicateWrite: 0.08,
            CrashBeforeWrite: 0.04, CrashAfterWrite: 0.06, CrashAtReadBack: 0.04);
        var watch = Stopwatch.StartNew();
        int restarts = 0, parts = 0, maxSteps = 0, wrapped = 0;
        var splitRuns = 0;
        var overdraftRuns = 0;
        for (var run = 0; run < Runs; run++)
        {
            // Arrange a fresh account with its meters and their simulated twins (no load: the balance moves only by purchases).
            var shape = random.Next(3); // 0 electricity, 1 water, 2 both
            var meters = new List<(int Id, SimulatedMeter Sim, decimal Start, int Count)>();
            int accountId;
            await using (var db = world.Database.CreateDbContext())
            {
                (_, accountId) = await world.AddAccountAsync(db, "R" + run);
                foreach (var profile in shape switch { 0 => new[] { MeterProfile.PrepaidSinglePhase }, 1 => [MeterProfile.PrepaidWater], _ => [MeterProfile.PrepaidThreePhase, MeterProfile.PrepaidWater] })
                {
                    var meter = await world.AddMeterAsync(db, accountId, profile, BillingMode.Meter);
                    var count = random.Next(10) == 0 ? 0xFFFF - random.Next(2) : random.Next(0, 5000);
                    var settings = new SimulatedMeterSettings
                    {
                        Profile = profile, InitialBalance = random.Next(0, 50_000) / 100m, InitialPurchaseCount = count, AlarmAmount1 = 0m, AlarmAmount2 = 0m,
                    };
                    SimulatedMeter sim = profile == MeterProfile.PrepaidWater ? new SimulatedWaterMeter(settings, world.Clock) : new SimulatedElectricityMeter(settings, world.Clock);
                    bus.Add(meter.Id, sim);
                    meters.Add((meter.Id, sim, sim.Remaining, sim.PurchaseCount));
                    wrapped += count == 0xFFFF ? 1 : 0;
                }
            }

            splitRuns += meters.Count == 2 ? 1 : 0;
            var amount = random.Next(1, 200_000) / 100m;
            var owed = 0m;
            if (meters.Count == 1 && amount >= 0.02m && Roll(random, 0.3))
            {
                // A replacement carried an overdraft below the recharge: the one purchase is the recharge less it.
                owed = random.Next(1, (int)(amount * 100)) / 100m;
                await world.CarryAsync(accountId, meters[0].Id, -owed);
                overdraftRuns++;
            }

            bus.Faults = new FaultRates();
            var entry = await world.RechargeAsync(accountId, amount, $"recharge:run-{run}");
            bus.Faults = faults;

            // Act: the notification path (sometimes lost to a crash right after the post, sometimes duplicated), then
            // new processes after every crash, until everything is delivered.
            var process = Start();
            var crashedBeforeNotification = Roll(random, 0.05);
            var steps = 0;
            var firstStep = !crashedBeforeNotification;
            while (true)
            {
                steps++;
                if (steps >= 200)
                {
                    await using var stuck = world.Database.CreateDbContext();
                    var partsLeft = string.Join("; ", (await stuck.RechargeDeliveries.AsNoTracking().Where(d => d.LedgerEntryId == entry.Id).ToListAsync())
                        .Select(d => $"part {d.Id} meter {d.MeterId} {d.State} cmd {d.MeterCommandId} {d.Detail}"));
                    var transfersLeft = string.Join("; ", (await stuck.PendingBalanceTransfers.AsNoTracking().Where(t => t.AccountId == accountId).ToListAsync())
                        .Select(t => $"transfer {t.Id} {t.Amount} {t.State} cmd {t.MeterCommandId}"));
                    var commandsLeft = string.Join("; ", (await stuck.MeterCommands.AsNoTracking().Where(c => meters.Select(m => m.Id).Contains(c.MeterId)).ToListAsync())
                        .Select(c => $"cmd {c.Id} {c.Kind} {c.State} by {c.RequestedBy} {c.Error}"));
                    Assert.Fail($"Run {run} did not converge. {partsLeft} | {transfersLeft} | {commandsLeft}");
                }

                try
                {
                    if (firstStep)
                    {
                        firstStep = false;
                        await (Roll(random, 0.2)
                            ? Task.WhenAll(process.Service.DeliverEntryAsync(entry.Id, default), process.Service.DeliverEntryAsync(entry.Id, default))
                            : process.Service.DeliverEntryAsync(entry.Id, default));
                    }
                    else
                    {
                        // A start: plan what was never planned, then the runner's resume and the delivery scan, maybe at once.
                        foreach (var id in await process.Service.UnplannedEntriesAsync(default))
                        {
                            await process.Service.PlanAsync(id, default);
                        }

                        var deliver = Task.Run(async () =>
                        {
                            foreach (var meterId in await process.Service.PendingMetersAsync(default))
                            {
                                await process.Service.DeliverMeterAsync(meterId, default);
                            }
                        });
                        await (Roll(random, 0.5) ? Task.WhenAll(deliver, process.Runner.ResumePendingAsync(bus.SubmitAsync, default)) : deliver);
                    }
                }
                catch (SimulatedCrashException)
                {
                    restarts++;
                    process = Start();
                    world.Clock.Advance(TimeSpan.FromSeconds(5));
                    continue;
                }

                await using var db = world.Database.CreateDbContext();
                var states = await db.RechargeDeliveries.AsNoTracking().Where(d => d.LedgerEntryId == entry.Id).Select(d => d.State).ToListAsync();
                var transferPending = await db.PendingBalanceTransfers.AnyAsync(t => t.AccountId == accountId && t.State == BalanceTransferState.Pending);
                if (states.Count > 0 && states.All(s => s != RechargeDeliveryState.Pending) && !transferPending)
                {
                    break;
                }

                // Not confirmed yet (lost answers, timeouts): the periodic scan retries after the retry pause.
                world.Clock.Advance(TimeSpan.FromSeconds(25));
                firstStep = false;
            }

            maxSteps = Math.Max(maxSteps, steps);

            // Assert: exactly the part on each meter, the parts sum to the recharge, every part delivered.
            await using (var db = world.Database.CreateDbContext())
            {
                var planned = await db.RechargeDeliveries.AsNoTracking().Where(d => d.LedgerEntryId == entry.Id).ToListAsync();
                Assert.All(planned, p => Assert.Equal(RechargeDeliveryState.Delivered, p.State));
                Assert.Equal(amount, planned.Sum(p => p.Amount));
                Assert.Equal(planned.Count, planned.Select(p => p.MeterCommandId).Distinct().Count());
                parts += planned.Count;
                var transfer = await db.PendingBalanceTransfers.AsNoTracking().SingleOrDefaultAsync(t => t.AccountId == accountId);
                Assert.Equal(owed > 0, transfer is not null);
                if (transfer is not null)
                {
                    Assert.Equal((BalanceTransferState.Delivered, planned.Single().MeterCommandId), (transfer.State, transfer.MeterCommandId));
                }

                foreach (var (id, sim, start, count) in meters)
                {
                    var part = planned.SingleOrDefault(p => p.MeterId == id)?.Amount ?? 0m;
                    Assert.Equal(start + part - owed, sim.Remaining);
                    Assert.Equal(part > 0 ? (count + 1) & 0xFFFF : count, sim.PurchaseCount);
                }
            }
        }

        watch.Stop();
        Assert.Empty(alarms.Raised);
        output.WriteLine($"{Runs} runs ({splitRuns} split between electricity and water, {overdraftRuns} paying off a carried overdraft, {wrapped} meters at the 16-bit count wrap), {parts} parts delivered, " +
            $"{restarts} process restarts, {counts.Crashes} crashes ({overdraftCrashes} after a pay-off part was marked, before its overdraft), {counts.AnswersLost} lost answers, {counts.RequestsLost} lost requests, " +
            $"{counts.DuplicateWrites} duplicate writes, {counts.ReadTimeouts} read timeouts; at most {maxSteps} steps per run; {watch.Elapsed.TotalSeconds:0.0} s");
        Assert.True(counts.AnswersLost > Runs / 20 && counts.Crashes > Runs / 20 && counts.DuplicateWrites > Runs / 50, "The faults were injected.");
        Assert.True(overdraftCrashes > overdraftRuns / 10, "The stop between a pay-off part and its overdraft was injected.");
    }

    private static bool Roll(Random random, double p)
    {
        lock (random)
        {
            return random.NextDouble() < p;
        }
    }
}
