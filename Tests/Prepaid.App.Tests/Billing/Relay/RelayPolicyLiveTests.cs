using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Ledger;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Billing;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Billing.Relay;

/// <summary>
/// The relay policy end to end on the demo mall's simulator: ledger debits and recharges, keep power and power above
/// the limit drive trips and closes of a platform-billing meter, journaled as "relay-policy" and confirmed by reading
/// the simulated meter back.
/// </summary>
public sealed class RelayPolicyLiveTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private sealed class RecordingAlarms : IOperatorAlarmSink
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

    private sealed record Live(LiveAppFactory Factory, SimulatedElectricityMeter Meter, int MeterId, int AccountId, LedgerService Ledger, RecordingAlarms Alarms)
        : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Factory.DisposeAsync();

        public async Task<PrepaidDb> DbAsync() => await Factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();

        public async Task<List<MeterCommand>> PolicyCommandsAsync()
        {
            await using var db = await DbAsync();
            return await db.MeterCommands.AsNoTracking().Where(c => c.MeterId == MeterId && c.RequestedBy == RelayPolicy.RequestedBy).OrderBy(c => c.Id).ToListAsync();
        }

        public async Task<RelayPolicyRecord?> RecordAsync()
        {
            await using var db = await DbAsync();
            return await db.RelayPolicyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.MeterId == MeterId);
        }

        /// <summary>Debits the account to <paramref name="below"/> yuan below its overdraft allowance (large tenants have one).</summary>
        public async Task DebitToAsync(decimal below, string key)
        {
            await using var db = await DbAsync();
            var overdraft = await db.Accounts.Where(a => a.Id == AccountId).Select(a => a.OverdraftLimit).SingleAsync();
            var target = -overdraft - below;
            var balance = await Ledger.BalanceAsync(AccountId, default);
            await Ledger.PostAsync(new LedgerPosting(AccountId, LedgerEntryKind.EnergyCharge, target - balance, key, "test", Note: "test debit"), default);
        }
    }

    private static async Task<Live> StartAsync()
    {
        var alarms = new RecordingAlarms();
        var settings = new Dictionary<string, string>(LiveAppFactory.WithPrepaidControl)
        {
            ["RelayPolicy:TickPeriod"] = "00:00:01",
            ["RelayPolicy:CommandRetryAfter"] = "00:00:02",
            ["Acquisition:FastPeriod"] = "00:00:01",
            ["Simulator:LoadUpdateSeconds"] = "3600",
            ["MeterBilling:Enabled"] = "false",
        };
        var factory = new LiveAppFactory(settings, s => s.AddSingleton<IOperatorAlarmSink>(alarms));
        int meterId, accountId;
        await using (var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync())
        {
            var ledger = factory.Services.GetRequiredService<LedgerService>();
            var balances = await ledger.BalancesAsync(null, default);
            // A platform-billing meter alone on an account in credit well above alarm amount 1.
            var candidates = await db.Meters.AsNoTracking().Where(m => m.BillingMode == BillingMode.Platform && m.Profile == MeterProfile.PrepaidThreePhase && m.AccountId != null)
                .OrderBy(m => m.Id).ToListAsync();
            var meter = candidates.First(m => balances.GetValueOrDefault(m.AccountId!.Value) > 500m && candidates.Count(c => c.AccountId == m.AccountId) == 1);
            (meterId, accountId) = (meter.Id, meter.AccountId!.Value);
        }

        var (_, simulator) = await factory.StartLiveAsync();
        var sim = (SimulatedElectricityMeter)simulator.Meter(meterId.ToString(CultureInfo.InvariantCulture));
        return new Live(factory, sim, meterId, accountId, factory.Services.GetRequiredService<LedgerService>(), alarms);
    }

    private static Task WaitUntilAsync(Func<Task<bool>> condition, string what) => Eventually.HoldsAsync(condition, what, Patience);

    [Fact]
    public async Task Policy_ArrearsThenRecharge_TripsThenClosesConfirmedByReadBack()
    {
        await using var live = await StartAsync();
        await WaitUntilAsync(async () => await live.RecordAsync() is not null, "the policy has seen the meter");
        Assert.True(live.Meter.RelayClosed);

        await live.DebitToAsync(5m, "test:arrears");
        await WaitUntilAsync(() => Task.FromResult(!live.Meter.RelayClosed), "the arrears trip reached the meter");
        await WaitUntilAsync(async () => (await live.PolicyCommandsAsync()).Any(c => c.State == MeterCommandState.Confirmed), "the trip is confirmed");

        await live.Ledger.PostAsync(new LedgerPosting(live.AccountId, LedgerEntryKind.Recharge, 1000m, "test:recharge", "cashier", PaymentMethod.Cash), default);
        await WaitUntilAsync(() => Task.FromResult(live.Meter.RelayClosed), "the recharge closed the meter");
        await WaitUntilAsync(async () => (await live.PolicyCommandsAsync()).Count(c => c.State == MeterCommandState.Confirmed) == 2, "the close is confirmed");
        await WaitUntilAsync(async () => (await live.RecordAsync())?.Relay == RelayState.Closed, "the policy records the confirmed close");

        var commands = await live.PolicyCommandsAsync();
        Assert.Equal([MeterCommandKind.Trip, MeterCommandKind.Close], commands.Select(c => c.Kind));
        Assert.StartsWith(nameof(RelayReason.ArrearsTrip), commands[0].Reason, StringComparison.Ordinal);
        Assert.StartsWith(nameof(RelayReason.RechargeClose), commands[1].Reason, StringComparison.Ordinal);
        Assert.All(commands, c => Assert.Equal(MeterCommandState.Confirmed, c.State));
        var record = await live.RecordAsync();
        Assert.Equal((RelayState.Closed, (TripCause?)null), (record!.Relay, record.TripCause));
        await using var db = await live.DbAsync();
        var notices = await db.TenantNotices.AsNoTracking().Where(n => n.AccountId == live.AccountId).ToListAsync();
        var zero = Assert.Single(notices, n => n.Level == NoticeLevel.Level3);
        Assert.Equal((TenantNotice.PendingChannel, true), (zero.Channel, zero.Balance <= -5m));
    }

    [Fact]
    public async Task Policy_KeepPowerActive_HoldsTheTripUntilItExpires()
    {
        await using var live = await StartAsync();
        await WaitUntilAsync(async () => await live.RecordAsync() is not null, "the policy has seen the meter");
        await using (var db = await live.DbAsync())
        {
            db.KeepPowerPeriods.Add(new KeepPowerPeriod
            {
                MeterId = live.MeterId, GrantedBy = "manager", Reason = "Cinema premiere tonight",
                GrantedAt = DateTimeOffset.UtcNow, ExpiresAt = DateTimeOffset.UtcNow.AddSeconds(12),
            });
            await db.SaveChangesAsync();
        }

        await live.DebitToAsync(50m, "test:arrears");
        await WaitUntilAsync(async () => (await live.RecordAsync())?.LastReason == nameof(RelayReason.ArrearsHeldByKeepPower), "keep power holds the trip");
        Assert.True(live.Meter.RelayClosed);
        Assert.Empty(await live.PolicyCommandsAsync());

        await WaitUntilAsync(() => Task.FromResult(!live.Meter.RelayClosed), "the trip after keep power expired");
        await WaitUntilAsync(async () => (await live.PolicyCommandsAsync()).Any(c => c.State == MeterCommandState.Confirmed), "the trip is confirmed");
        var trip = Assert.Single(await live.PolicyCommandsAsync());
        Assert.Equal(MeterCommandKind.Trip, trip.Kind);
        Assert.StartsWith(nameof(RelayReason.ArrearsTripAfterKeepPowerExpired), trip.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_PowerAboveTheLimitLongerThanItsDuration_TripsAndRaisesTheAlarm()
    {
        await using var live = await StartAsync();
        live.Meter.SetDemand(2m);
        await using (var db = await live.DbAsync())
        {
            await db.Meters.Where(m => m.Id == live.MeterId).ExecuteUpdateAsync(u => u.SetProperty(m => m.PowerLimitKw, 5m).SetProperty(m => m.PowerLimitDurationSeconds, 3));
        }

        var since = DateTimeOffset.UtcNow.AddSeconds(2);
        await WaitUntilAsync(async () => (await live.RecordAsync())?.EvaluatedAt > since, "the policy has seen the meter under its limit");
        Assert.True(live.Meter.RelayClosed);
        Assert.Null((await live.RecordAsync())!.OverLimitSince);

        live.Meter.SetDemand(30m);
        await WaitUntilAsync(() => Task.FromResult(!live.Meter.RelayClosed), "the over-power trip");
        await WaitUntilAsync(async () => (await live.PolicyCommandsAsync()).Any(c => c.State == MeterCommandState.Confirmed), "the trip is confirmed");

        var trip = Assert.Single(await live.PolicyCommandsAsync());
        Assert.StartsWith(nameof(RelayReason.OverPowerTrip), trip.Reason, StringComparison.Ordinal);
        var alarm = Assert.Single(live.Alarms.Raised, a => a.MeterId == live.MeterId);
        Assert.Equal(Prepaid.App.Billing.Relay.RelayPolicyEvaluator.OverPowerAlarmCode, alarm.Code);
        Assert.Equal(TripCause.OverPower, (await live.RecordAsync())!.TripCause);

        // A recharge never restores an over-power trip; only an operator (or the cool-down) does.
        var recharged = DateTimeOffset.UtcNow;
        await live.Ledger.PostAsync(new LedgerPosting(live.AccountId, LedgerEntryKind.Recharge, 100m, "test:recharge", "cashier", PaymentMethod.Cash), default);
        // The recharge and every 1 s tick evaluate the meter: after three seconds of evaluations no close was sent.
        await WaitUntilAsync(async () => (await live.RecordAsync())?.EvaluatedAt > recharged.AddSeconds(3), "three seconds of evaluations after the recharge");
        Assert.False(live.Meter.RelayClosed);
        Assert.Equal(trip.Id, Assert.Single(await live.PolicyCommandsAsync()).Id);
    }
}
