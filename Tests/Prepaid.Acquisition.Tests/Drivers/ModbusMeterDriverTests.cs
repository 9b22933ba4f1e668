using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.Acquisition.Tests.Simulator;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Tests.Drivers;

public class ModbusMeterDriverTests
{
    private readonly FakeTimeProvider _time = new(MallFixtures.SummerMorning);

    [Fact]
    public async Task ReadAsync_PrepaidSinglePhase_DecodesBlock()
    {
        var (meter, driver, _) = Prepaid(balance: 250.5m, purchaseCount: 3);
        meter.SetDemand(2.2m);
        _time.Advance(TimeSpan.FromHours(0.5)); // peak: 1.1 kWh, 1.265 yuan

        var reading = await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(ValueQuality.Good, reading.Quality);
        Assert.Equal(7, reading.MeterTypeCode);
        Assert.Equal(_time.GetUtcNow(), reading.SourceTime);
        var e = reading.Electrical!;
        Assert.Equal([220.0m], e.VoltagesV);
        Assert.Equal(2.2m, e.TotalActivePowerKw);
        Assert.Equal(0.95m, e.TotalPowerFactor);
        Assert.Equal(1.1m, e.TotalEnergyKwh);
        Assert.Equal(1.1m, e.EnergyByRateKwh[TouRate.Peak]);
        Assert.Equal(249.23m, reading.RemainingYuan);
        Assert.Equal(3, reading.PurchaseCount);
        Assert.Equal([true], reading.RelayClosed);
        Assert.True(reading.Status.HasFlag(MeterStatusFlags.PrepaidEnabled));
        Assert.Equal(new DateTime(2026, 7, 15, 10, 30, 0), e.MeterClock);
    }

    [Fact]
    public async Task ReadAsync_MainIncomer_ScalesEnergyByCtAndPt()
    {
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = MeterProfile.MainIncomer, CtRatio = 800, PtRatio = 1 }, _time);
        var driver = new ModbusMeterDriver(MeterProfile.MainIncomer, 1, new UnitTransport(meter), Options());
        meter.SetDemand(640m);
        _time.Advance(TimeSpan.FromHours(2));

        var reading = await driver.ReadAsync(CancellationToken.None);

        Assert.Equal(1.6m, reading.Electrical!.RegisterEnergyKwh);
        Assert.Equal(1280m, reading.Electrical.TotalEnergyKwh);
        Assert.Equal(640m, reading.Electrical.TotalActivePowerKw);
        Assert.Null(reading.RemainingYuan);
        Assert.Empty(reading.RelayClosed);
    }

    [Theory]
    [InlineData(TransportFault.Timeout)]
    [InlineData(TransportFault.GatewayTargetFailed)]
    public async Task ReadAsync_NoAnswer_CommLost(TransportFault fault)
    {
        var (_, driver, transport) = Prepaid(balance: 10m);
        transport.Fault = (_, _) => fault;
        var reading = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal(ValueQuality.CommLost, reading.Quality);
        Assert.Null(reading.Electrical);
        Assert.NotNull(reading.Error);
    }

    [Fact]
    public async Task ReadAsync_ExceptionAnswer_Invalid()
    {
        var bank = new ModbusRegisterBank(0x100);
        var driver = new ModbusMeterDriver(MeterProfile.PrepaidSinglePhase, 1, new UnitTransport(bank), Options());
        var reading = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal(ValueQuality.Invalid, reading.Quality);
    }

    [Fact]
    public async Task ExecuteAsync_TripThenKeepPowerThenRelease_EachConfirmed()
    {
        var (meter, driver, _) = Prepaid(balance: 100m);
        Assert.Equal(CommandStatus.Confirmed, (await driver.ExecuteAsync(new TripCommand(), CancellationToken.None)).Status);
        Assert.False(meter.RelayClosed);
        Assert.Equal(CommandStatus.Confirmed, (await driver.ExecuteAsync(new KeepPowerCommand(), CancellationToken.None)).Status);
        Assert.True(meter.RelayClosed);
        Assert.Equal(CommandStatus.Confirmed, (await driver.ExecuteAsync(new ReleaseControlCommand(), CancellationToken.None)).Status);
        Assert.True(meter.RelayClosed);
    }

    [Fact]
    public async Task ExecuteAsync_KeepPowerOnMeterRefusingInArrears_RefusedWithoutRetrying()
    {
        var (meter, driver, transport) = Prepaid(balance: -1m, refuseClose: true);
        var outcome = await driver.ExecuteAsync(new KeepPowerCommand(), CancellationToken.None);
        Assert.Equal(CommandStatus.Refused, outcome.Status);
        Assert.False(meter.RelayClosed);
        // One write and the configured read-backs: the command is never re-sent.
        Assert.Single(transport.Sent, p => p.FunctionCode == ModbusFunctionCodes.WriteMultipleRegisters);
        Assert.Equal(1 + Options().ConfirmReads, transport.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_KeepPowerAppliedOnSecondReadBack_Confirmed()
    {
        // A meter in arrears that is slow to act: the first read-back still shows the relay open.
        var (meter, _, _) = Prepaid(balance: -1m);
        var reads = 0;
        var slow = new SlowRelayUnit(meter, () => ++reads == 1);
        var slowDriver = new ModbusMeterDriver(MeterProfile.PrepaidSinglePhase, 1, new UnitTransport(slow), Options());
        var outcome = await slowDriver.ExecuteAsync(new KeepPowerCommand(), CancellationToken.None);
        Assert.Equal(CommandStatus.Confirmed, outcome.Status);
        Assert.Equal(2, reads);
        Assert.True(meter.RelayClosed);
    }

    [Fact]
    public async Task ExecuteAsync_TripWithoutAnswer_CommFailed()
    {
        var (_, driver, transport) = Prepaid(balance: 100m);
        transport.Fault = (_, _) => TransportFault.Timeout;
        var outcome = await driver.ExecuteAsync(new TripCommand(), CancellationToken.None);
        Assert.Equal(CommandStatus.CommFailed, outcome.Status);
    }

    [Fact]
    public async Task ExecuteAsync_TripOnPublicAreaMeter_Unsupported()
    {
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = MeterProfile.PublicArea }, _time);
        var transport = new UnitTransport(meter);
        var driver = new ModbusMeterDriver(MeterProfile.PublicArea, 1, transport, Options());
        Assert.Equal(CommandStatus.Unsupported, (await driver.ExecuteAsync(new TripCommand(), CancellationToken.None)).Status);
        Assert.Equal(0, transport.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_PushParameters_ConfirmedAndReadBack()
    {
        var (_, driver, _) = Prepaid(balance: 100m);
        var prices = new MeterPrices(1.4567m, 1.2m, 0.8m, 0.3m);
        var outcome = await driver.ExecuteAsync(new PushParametersCommand(prices, 80m, 20.5m, 50m), CancellationToken.None);
        Assert.Equal(CommandStatus.Confirmed, outcome.Status);
        var parameters = await driver.ReadParametersAsync(CancellationToken.None);
        Assert.Equal(prices, parameters!.Prices);
        Assert.Equal(80m, parameters.AlarmAmount1);
        Assert.Equal(20.5m, parameters.AlarmAmount2);
        Assert.Equal(50m, parameters.OverdraftLimit);
    }

    [Fact]
    public async Task ExecuteAsync_PushPriceWithFiveDecimals_ThrowsBeforeWriting()
    {
        var (_, driver, transport) = Prepaid(balance: 100m);
        await Assert.ThrowsAsync<ArgumentException>(() =>
            driver.ExecuteAsync(new PushParametersCommand(new MeterPrices(1.00001m, 1m, 1m, 1m), null, null, null), CancellationToken.None));
        Assert.Equal(0, transport.Requests);
    }

    [Fact]
    public async Task ExecuteAsync_PushPowerLimit_ConfirmedAndMeterTrips()
    {
        var (meter, driver, _) = Prepaid(balance: 100m);
        var outcome = await driver.ExecuteAsync(new PushPowerLimitCommand(true, 3.5m, 60), CancellationToken.None);
        Assert.Equal(CommandStatus.Confirmed, outcome.Status);
        meter.SetDemand(4m);
        _time.Advance(TimeSpan.FromSeconds(61));
        var reading = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal([false], reading.RelayClosed);
        Assert.Equal(1, reading.Electrical!.OverPowerTripCount);
    }

    [Fact]
    public async Task ExecuteAsync_ValveCommands_Confirmed()
    {
        var meter = new SimulatedWaterMeter(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidWater, InitialBalance = 10m }, _time);
        var driver = new ModbusMeterDriver(MeterProfile.PrepaidWater, 1, new UnitTransport(meter), Options());
        Assert.Equal(CommandStatus.Confirmed, (await driver.ExecuteAsync(new CloseValveCommand(), CancellationToken.None)).Status);
        Assert.Equal(ValveState.Closed, (await driver.ReadAsync(CancellationToken.None)).Water!.Valve);
        Assert.Equal(CommandStatus.Confirmed, (await driver.ExecuteAsync(new OpenValveCommand(), CancellationToken.None)).Status);
        Assert.True(meter.ValveOpen);
    }

    [Fact]
    public async Task ExecuteAsync_OpenValveWithoutCredit_Refused()
    {
        var meter = new SimulatedWaterMeter(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidWater, InitialBalance = 0m }, _time);
        var driver = new ModbusMeterDriver(MeterProfile.PrepaidWater, 1, new UnitTransport(meter), Options());
        Assert.Equal(CommandStatus.Refused, (await driver.ExecuteAsync(new OpenValveCommand(), CancellationToken.None)).Status);
    }

    [Fact]
    public async Task ReadAsync_Water_DecodesVolumeFlowAndBalance()
    {
        var meter = new SimulatedWaterMeter(new SimulatedMeterSettings
            { Profile = MeterProfile.PrepaidWater, InitialBalance = 100m, InitialPurchaseCount = 2, Prices = new MeterPrices(5m, 5m, 5m, 5m) }, _time);
        var driver = new ModbusMeterDriver(MeterProfile.PrepaidWater, 1, new UnitTransport(meter), Options());
        meter.SetDemand(1.5m);
        _time.Advance(TimeSpan.FromHours(2));
        var reading = await driver.ReadAsync(CancellationToken.None);
        Assert.Equal(new WaterValues(3m, 1.5m, ValveState.Open), reading.Water);
        Assert.Equal(85m, reading.RemainingYuan);
        Assert.Equal(2, reading.PurchaseCount);
    }

    internal MeterDriverOptions Options() => new() { ConfirmDelay = TimeSpan.Zero, TimeProvider = _time };

    internal (SimulatedElectricityMeter Meter, ModbusMeterDriver Driver, UnitTransport Transport) Prepaid(decimal balance, int purchaseCount = 0,
        bool refuseClose = false, decimal? hoardingLimit = null)
    {
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings
        {
            Profile = MeterProfile.PrepaidSinglePhase,
            InitialBalance = balance,
            InitialPurchaseCount = purchaseCount,
            RefuseRemoteCloseInArrears = refuseClose,
            HoardingLimit = hoardingLimit,
            AlarmAmount1 = 0m,
            AlarmAmount2 = 0m,
        }.WithPlan(TariffPlanExamples.CommercialTou2026()), _time);
        var transport = new UnitTransport(meter);
        return (meter, new ModbusMeterDriver(MeterProfile.PrepaidSinglePhase, 1, transport, Options()), transport);
    }

    /// <summary>Answers status reads with the relay bits cleared while <paramref name="stale"/> says so.</summary>
    private sealed class SlowRelayUnit(IModbusUnit inner, Func<bool> stale) : IModbusUnit
    {
        public async ValueTask<ModbusPdu> HandleAsync(ModbusPdu request, CancellationToken cancellationToken)
        {
            var response = await inner.HandleAsync(request, cancellationToken);
            if (request.FunctionCode != ModbusFunctionCodes.ReadHoldingRegisters || !stale())
            {
                return response;
            }

            var bytes = response.Span.ToArray();
            bytes[2] &= 0x1F; // high byte of the status word: relay bits 5-7 read as open
            return ModbusPdu.FromBytes(bytes);
        }
    }
}
