using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.Acquisition.Tests.Simulator;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Tests.Drivers;

public class MeterPurchaseTests
{
    private readonly FakeTimeProvider _time = new(MallFixtures.SummerMorning);

    [Fact]
    public async Task ExecuteAsync_Purchase_PersistsIntentBeforeWritingAndConfirms()
    {
        var (meter, driver, transport) = Prepaid(balance: 20m, purchaseCount: 9);
        PurchaseIntent? persisted = null;
        var writesBeforePersist = -1;
        var outcome = await driver.ExecuteAsync(new DeliverPurchaseCommand(100m)
        {
            PersistIntent = (intent, _) =>
            {
                persisted = intent;
                writesBeforePersist = transport.Sent.Count(p => p.FunctionCode == ModbusFunctionCodes.WriteMultipleRegisters);
                return Task.CompletedTask;
            },
        }, CancellationToken.None);

        Assert.Equal(CommandStatus.Confirmed, outcome.Status);
        Assert.Equal(new PurchaseIntent(10, 100m, 20m), persisted);
        Assert.Equal(0, writesBeforePersist);
        Assert.Equal(120m, meter.Remaining);
        Assert.Equal(PurchaseState.Delivered, outcome.Check!.State);
    }

    [Fact]
    public async Task ExecuteAsync_PurchaseAppliedButAnswerLost_DeliveredOnceNotResent()
    {
        var (meter, driver, transport) = Prepaid(balance: 20m, purchaseCount: 9);
        transport.Fault = (_, pdu) => pdu.FunctionCode == ModbusFunctionCodes.WriteMultipleRegisters ? TransportFault.ApplyThenTimeout : TransportFault.None;
        var outcome = await driver.ExecuteAsync(new DeliverPurchaseCommand(100m), CancellationToken.None);
        Assert.Equal(CommandStatus.Confirmed, outcome.Status);
        Assert.Equal(120m, meter.Remaining);
        Assert.Single(transport.Sent, p => p.FunctionCode == ModbusFunctionCodes.WriteMultipleRegisters);
    }

    [Fact]
    public async Task ExecuteAsync_PurchaseLostBeforeMeter_ResentOnceAndDelivered()
    {
        var (meter, driver, transport) = Prepaid(balance: 20m, purchaseCount: 9);
        var writes = 0;
        transport.Fault = (_, pdu) => pdu.FunctionCode == ModbusFunctionCodes.WriteMultipleRegisters && ++writes == 1 ? TransportFault.Timeout : TransportFault.None;
        var outcome = await driver.ExecuteAsync(new DeliverPurchaseCommand(100m), CancellationToken.None);
        Assert.Equal(CommandStatus.Confirmed, outcome.Status);
        Assert.Equal(120m, meter.Remaining);
        Assert.Equal(2, writes);
    }

    [Fact]
    public async Task ExecuteAsync_PurchaseAboveHoardingLimit_Refused()
    {
        var (meter, driver, _) = Prepaid(balance: 950m, purchaseCount: 1, hoardingLimit: 1000m);
        var outcome = await driver.ExecuteAsync(new DeliverPurchaseCommand(100m), CancellationToken.None);
        Assert.Equal(CommandStatus.Refused, outcome.Status);
        Assert.Equal(PurchaseState.NotApplied, outcome.Check!.State);
        Assert.Equal(950m, meter.Remaining);
    }

    [Fact]
    public async Task ExecuteAsync_MeterSilentAtProbe_CommFailedWithoutIntent()
    {
        var (_, driver, transport) = Prepaid(balance: 20m);
        transport.Fault = (_, _) => TransportFault.GatewayTargetFailed;
        var persisted = false;
        var outcome = await driver.ExecuteAsync(new DeliverPurchaseCommand(10m) { PersistIntent = (_, _) => Task.FromResult(persisted = true) }, CancellationToken.None);
        Assert.Equal(CommandStatus.CommFailed, outcome.Status);
        Assert.False(persisted);
        Assert.Null(outcome.Purchase);
    }

    [Fact]
    public async Task CheckPurchaseAsync_AfterRestart_ResolvesEachState()
    {
        var (meter, driver, _) = Prepaid(balance: 20m, purchaseCount: 9);
        var intent = (await driver.ProbePurchaseAsync(CancellationToken.None)).IntentFor(5m);
        Assert.Equal(PurchaseState.NotApplied, (await driver.CheckPurchaseAsync(intent, CancellationToken.None)).State);

        Assert.Equal(PurchaseWriteStatus.Acknowledged, (await driver.WritePurchaseAsync(intent, CancellationToken.None)).Status);
        Assert.Equal(PurchaseState.Delivered, (await driver.CheckPurchaseAsync(intent, CancellationToken.None)).State);

        // A duplicate write of the same count is acknowledged and ignored.
        Assert.Equal(PurchaseWriteStatus.Acknowledged, (await driver.WritePurchaseAsync(intent, CancellationToken.None)).Status);
        Assert.Equal(25m, meter.Remaining);

        var stale = new PurchaseIntent(9, 5m, 20m);
        Assert.Equal(PurchaseState.CountMismatch, (await driver.CheckPurchaseAsync(stale, CancellationToken.None)).State);
        Assert.Equal(PurchaseWriteStatus.Rejected, (await driver.WritePurchaseAsync(stale, CancellationToken.None)).Status);
    }

    [Fact]
    public void IntentFor_CountAtMaximum_WrapsToZero()
    {
        var intent = new PurchaseProbe(65535, 0m).IntentFor(1m);
        Assert.Equal(0, intent.ExpectedCount);
        Assert.Equal(65535, intent.PreviousCount);
    }

    [Fact]
    public async Task ExecuteAsync_PurchaseOnWaterMeter_Confirmed()
    {
        var meter = new SimulatedWaterMeter(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidWater, InitialBalance = 0m, InitialPurchaseCount = 4 }, _time);
        var driver = new ModbusMeterDriver(MeterProfile.PrepaidWater, 1, new UnitTransport(meter), new MeterDriverOptions { ConfirmDelay = TimeSpan.Zero });
        var outcome = await driver.ExecuteAsync(new DeliverPurchaseCommand(30m), CancellationToken.None);
        Assert.Equal(CommandStatus.Confirmed, outcome.Status);
        Assert.Equal(5, meter.PurchaseCount);
        Assert.True(meter.ValveOpen);
    }

    private (SimulatedElectricityMeter Meter, ModbusMeterDriver Driver, UnitTransport Transport) Prepaid(decimal balance, int purchaseCount = 0,
        decimal? hoardingLimit = null)
    {
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings
        {
            Profile = MeterProfile.PrepaidThreePhase,
            InitialBalance = balance,
            InitialPurchaseCount = purchaseCount,
            HoardingLimit = hoardingLimit,
        }, _time);
        var transport = new UnitTransport(meter);
        return (meter, new ModbusMeterDriver(MeterProfile.PrepaidThreePhase, 1, transport, new MeterDriverOptions { ConfirmDelay = TimeSpan.Zero, TimeProvider = _time }), transport);
    }
}
