using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Commands;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Model;

namespace Prepaid.App.Tests.Kernel.Commands;

/// <summary>Exactly-once purchase delivery through the pollers (purchase count), including a stop between write and read-back.</summary>
public sealed class PurchaseDeliveryTests
{
    private static async Task<(LiveAppFactory Factory, MeterCommandRunner Runner, Acquisition.Polling.AcquisitionEngine Engine, SimulatedElectricityMeter Meter, int MeterId)> ArrangeAsync()
    {
        var factory = new LiveAppFactory();
        var (acquisition, simulator) = await factory.StartLiveAsync();
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var meterId = await db.Meters.Where(m => m.Profile == MeterProfile.PrepaidSinglePhase && m.BillingMode == BillingMode.Meter)
            .OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        var meter = (SimulatedElectricityMeter)simulator.Meter(meterId.ToString(CultureInfo.InvariantCulture));
        return (factory, factory.Services.GetRequiredService<MeterCommandRunner>(), acquisition.Engine!, meter, meterId);
    }

    /// <summary>
    /// The simulated meter keeps deducting its load at its own prices (fractions of a fen a second), so a balance is
    /// checked against the amount within a small consumption allowance: far from the doubled amount a second
    /// application would give. The purchase count is exact.
    /// </summary>
    private static void AssertCreditedOnce(decimal before, decimal after, decimal amount) =>
        Assert.InRange(after - before, amount - 0.5m, amount);

    private static async Task<long> PendingPurchaseAsync(LiveAppFactory factory, int meterId, PurchaseIntent? intent, decimal amount)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var command = new MeterCommand
        {
            MeterId = meterId, Kind = MeterCommandKind.DeliverPurchase, State = MeterCommandState.Sent, Attempts = 1,
            RequestedAt = DateTimeOffset.UtcNow, RequestedBy = "cashier", Reason = "Recharge before the stop",
            PayloadJson = JsonSerializer.Serialize(new MeterCommandRunner.PurchasePayload(amount, intent)),
        };
        db.MeterCommands.Add(command);
        await db.SaveChangesAsync();
        return command.Id;
    }

    /// <summary>What the lost write did before the process stopped: the purchase frame reached the meter.</summary>
    private static async Task WritePurchaseDirectlyAsync(LiveAppFactory factory, int meterId, PurchaseIntent intent)
    {
        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var target = await (from m in db.Meters
                            join b in db.Buses on m.BusId equals b.Id
                            join g in db.Gateways on b.GatewayId equals g.Id
                            where m.Id == meterId
                            select new { m.UnitId, b.TcpPort, g.Framing }).SingleAsync();
        await using var client = target.Framing == GatewayFraming.RtuOverTcp
            ? ModbusClient.ForRtuOverTcp("127.0.0.1", target.TcpPort)
            : ModbusClient.ForTcp("127.0.0.1", target.TcpPort);
        var fen = (uint)(intent.Amount * 100m);
        await client.WriteMultipleRegistersAsync((byte)target.UnitId, 0x0460, [(ushort)intent.ExpectedCount, (ushort)(fen >> 16), (ushort)(fen & 0xFFFF)]);
    }

    [Fact]
    public async Task Deliver_NormalPurchase_IsAppliedOnceAndJournalsItsIntent()
    {
        var (factory, runner, engine, meter, meterId) = await ArrangeAsync();
        await using var _ = factory;
        var (before, count) = (meter.Remaining, meter.PurchaseCount);

        var command = await runner.DeliverPurchaseAsync(engine, meterId, 50m, "cashier", "Recharge R-0001", CancellationToken.None);

        Assert.Equal(MeterCommandState.Confirmed, command.State);
        AssertCreditedOnce(before, meter.Remaining, 50m);
        Assert.Equal(count + 1, meter.PurchaseCount);
        var payload = JsonSerializer.Deserialize<MeterCommandRunner.PurchasePayload>(command.PayloadJson!)!;
        Assert.Equal((50m, count + 1), (payload.Amount, payload.Intent!.ExpectedCount));
    }

    [Fact]
    public async Task Resume_PurchaseAppliedBeforeTheStop_IsConfirmedWithoutWritingAgain()
    {
        var (factory, runner, engine, meter, meterId) = await ArrangeAsync();
        await using var _ = factory;
        var intent = new PurchaseIntent(meter.PurchaseCount + 1, 20m, meter.Remaining);
        await PendingPurchaseAsync(factory, meterId, intent, 20m);
        await WritePurchaseDirectlyAsync(factory, meterId, intent);

        await runner.ResumePendingAsync(engine, CancellationToken.None);

        await using var db = await factory.Services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var command = await db.MeterCommands.SingleAsync(c => c.Kind == MeterCommandKind.DeliverPurchase);
        Assert.Equal(MeterCommandState.Confirmed, command.State);
        AssertCreditedOnce(intent.RemainingBefore, meter.Remaining, 20m);
        Assert.Equal(intent.ExpectedCount, meter.PurchaseCount);
    }

    [Fact]
    public async Task Resume_PurchaseThatNeverReachedTheMeter_IsWrittenExactlyOnce()
    {
        var (factory, runner, engine, meter, meterId) = await ArrangeAsync();
        await using var _ = factory;
        var intent = new PurchaseIntent(meter.PurchaseCount + 1, 20m, meter.Remaining);
        await PendingPurchaseAsync(factory, meterId, intent, 20m);

        await runner.ResumePendingAsync(engine, CancellationToken.None);
        await runner.ResumePendingAsync(engine, CancellationToken.None);

        AssertCreditedOnce(intent.RemainingBefore, meter.Remaining, 20m);
        Assert.Equal(intent.ExpectedCount, meter.PurchaseCount);
    }
}
