using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;
using Prepaid.Domain.Tariffs;

namespace Prepaid.Acquisition.Tests.Simulator;

public class SimulatedElectricityMeterTests
{
    private readonly FakeTimeProvider _time = new(MallFixtures.SummerMorning);

    [Fact]
    public async Task Advance_BalanceRunsOut_TripsAtZero()
    {
        // 10 kW at the peak price 1.15: 11.5 yuan an hour; 10 yuan lasts about 52 minutes.
        var meter = Meter(balance: 10m, alarm1: 0m, alarm2: 0m);
        meter.SetDemand(10m);
        _time.Advance(TimeSpan.FromMinutes(50));
        Assert.True(meter.RelayClosed);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.False(meter.RelayClosed);
        var status = await ReadAsync(meter, ElectricityRegisters.Status, 1);
        var flags = StatusWord.DecodeFlags(status[0], 0);
        Assert.True(flags.HasFlag(MeterStatusFlags.Arrears));
        Assert.False(StatusWord.DecodeRelays(status[0], 1)[0]);
        Assert.InRange(meter.Remaining, -0.2m, 0m);
    }

    [Fact]
    public async Task Write_KeepPower_StaysClosedInArrearsAndKeepsCounting()
    {
        var meter = Meter(balance: 1m, alarm1: 0m, alarm2: 0m);
        meter.SetDemand(10m);
        await WriteAsync(meter, ElectricityRegisters.RelayCommand, 1, 0);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.True(meter.RelayClosed);
        Assert.Equal(1m - 11.5m, meter.Remaining);
        Assert.Equal(10m, meter.TotalEnergyKwh);
    }

    [Fact]
    public async Task Write_ReleaseAfterKeepPowerInArrears_Trips()
    {
        var meter = Meter(balance: -5m, alarm1: 0m, alarm2: 0m);
        await WriteAsync(meter, ElectricityRegisters.RelayCommand, 1, 0);
        Assert.True(meter.RelayClosed);
        await WriteAsync(meter, ElectricityRegisters.RelayCommand, 0);
        Assert.False(meter.RelayClosed);
    }

    [Fact]
    public async Task Write_ForcedTripWithCredit_Opens()
    {
        var meter = Meter(balance: 500m);
        await WriteAsync(meter, ElectricityRegisters.RelayCommand, 1, 1);
        Assert.False(meter.RelayClosed);
        var control = await ReadAsync(meter, ElectricityRegisters.ControlStatus, 1);
        Assert.True(StatusWord.DecodeFlags(0, control[0]).HasFlag(MeterStatusFlags.ForcedControl));
    }

    [Fact]
    public async Task Purchase_NextCount_AppliesOnceAndIgnoresDuplicate()
    {
        var meter = Meter(balance: 20m, purchaseCount: 4);
        await WriteAsync(meter, ElectricityRegisters.Purchase, [5, .. ModbusRegisterConverter.FromUInt32(10000)]);
        Assert.Equal(120m, meter.Remaining);
        Assert.Equal(5, meter.PurchaseCount);

        await WriteAsync(meter, ElectricityRegisters.Purchase, [5, .. ModbusRegisterConverter.FromUInt32(10000)]);
        Assert.Equal(120m, meter.Remaining);
        var parameters = await ReadAsync(meter, ElectricityRegisters.TotalPurchased, 4);
        Assert.Equal(100m, ModbusRegisterConverter.ToUInt32(parameters) * 0.01m);
        Assert.Equal(120m, ModbusRegisterConverter.ToInt32(parameters.AsSpan(2)) * 0.01m);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(7)]
    public async Task Purchase_WrongCount_RejectedWithException03(int count)
    {
        var meter = Meter(balance: 20m, purchaseCount: 4);
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => WriteAsync(meter, ElectricityRegisters.Purchase, [(ushort)count, 0, 100]));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, ex.ExceptionCode);
        Assert.Equal(20m, meter.Remaining);
        Assert.Equal(4, meter.PurchaseCount);
    }

    [Fact]
    public async Task Purchase_AboveHoardingLimit_RefusedWithException04()
    {
        var meter = Meter(balance: 900m, purchaseCount: 1);
        var limited = new SimulatedElectricityMeter(meter.Settings with { HoardingLimit = 1000m }, _time);
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(
            () => WriteAsync(limited, ElectricityRegisters.Purchase, [2, .. ModbusRegisterConverter.FromUInt32(20000)]));
        Assert.Equal(ModbusExceptionCode.ServerDeviceFailure, ex.ExceptionCode);
        Assert.Equal(900m, limited.Remaining);
    }

    [Fact]
    public async Task Purchase_InOverdraft_PaysOffFirstAndClosesOnlyAboveZero()
    {
        var meter = Meter(balance: -30m, alarm1: 0m, alarm2: 0m, overdraft: 50m);
        Assert.False(meter.RelayClosed);
        await WriteAsync(meter, ElectricityRegisters.Purchase, [1, .. ModbusRegisterConverter.FromUInt32(2000)]);
        Assert.Equal(-10m, meter.Remaining);
        Assert.False(meter.RelayClosed);
        await WriteAsync(meter, ElectricityRegisters.Purchase, [2, .. ModbusRegisterConverter.FromUInt32(2000)]);
        Assert.True(meter.RelayClosed);
    }

    [Fact]
    public void PressButton_AtZeroWithOverdraft_ReclosesUntilOverdraftExhausted()
    {
        // 10 kW at 1.20: the 20 yuan overdraft lasts 100 minutes.
        var meter = Meter(balance: 0m, alarm1: 0m, alarm2: 0m, overdraft: 20m, price: 1.2m);
        meter.SetDemand(10m);
        Assert.False(meter.RelayClosed);
        meter.PressButton();
        Assert.True(meter.RelayClosed);
        _time.Advance(TimeSpan.FromMinutes(95));
        Assert.True(meter.RelayClosed);
        _time.Advance(TimeSpan.FromMinutes(6));
        Assert.False(meter.RelayClosed);
        meter.PressButton();
        Assert.False(meter.RelayClosed);
    }

    [Fact]
    public async Task Advance_BelowAlarmAmounts_SetsFlagsAndWarningTripsAtAlarm2()
    {
        var meter = Meter(balance: 150m, alarm1: 100m, alarm2: 30m, price: 1m);
        meter.SetDemand(50m);
        _time.Advance(TimeSpan.FromHours(1)); // 50 yuan: 100 left
        var flags = await FlagsAsync(meter);
        Assert.True(flags.HasFlag(MeterStatusFlags.Alarm1));
        Assert.False(flags.HasFlag(MeterStatusFlags.Alarm2));
        Assert.True(meter.RelayClosed);

        _time.Advance(TimeSpan.FromHours(1.5)); // 25 left
        flags = await FlagsAsync(meter);
        Assert.True(flags.HasFlag(MeterStatusFlags.Alarm2));
        Assert.False(meter.RelayClosed);
        meter.PressButton();
        Assert.True(meter.RelayClosed);
    }

    [Fact]
    public async Task Advance_AcrossTouPeriods_BooksEnergyPerRate()
    {
        var meter = Meter(balance: 10000m);
        meter.SetDemand(6m);
        // 10:00 -> 20:00 local on a summer day: peak 10-11, flat 11-18, peak 18-19, sharp 19-20.
        _time.Advance(TimeSpan.FromHours(10));
        var energies = await ReadAsync(meter, ElectricityRegisters.TotalEnergy, 10);
        decimal Kwh(int i) => ModbusRegisterConverter.ToUInt32(energies.AsSpan(2 * i)) * 0.01m;
        Assert.Equal(60m, Kwh(0));
        Assert.Equal(6m, Kwh(1));
        Assert.Equal(12m, Kwh(2));
        Assert.Equal(42m, Kwh(3));
        Assert.Equal(0m, Kwh(4));
        Assert.Equal(10000m - (6m * 1.38m) - (12m * 1.15m) - (42m * 0.75m), meter.Remaining);
    }

    [Fact]
    public async Task Advance_AboveThePowerLimit_TripsAfterTheDuration()
    {
        var meter = Meter(balance: 1000m);
        await WriteAsync(meter, ElectricityRegisters.PowerLimit, 1, 500, 30);
        meter.SetDemand(6m);
        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.True(meter.RelayClosed);
        Assert.True((await FlagsAsync(meter)).HasFlag(MeterStatusFlags.OverPower));
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.False(meter.RelayClosed);
        Assert.Equal(1, (await ReadAsync(meter, ElectricityRegisters.OverPowerTripCount, 1))[0]);
    }

    [Fact]
    public async Task Settings_PowerLimitAtStart_ReadableAndEnforced()
    {
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings
            { Profile = MeterProfile.PrepaidSinglePhase, InitialBalance = 100m, PowerLimitKw = 8m, PowerLimitSeconds = 10 }, _time);
        Assert.Equal([1, 800, 10], await ReadAsync(meter, ElectricityRegisters.PowerLimit, 3));
        meter.SetDemand(9m);
        _time.Advance(TimeSpan.FromSeconds(11));
        Assert.False(meter.RelayClosed);
    }

    [Fact]
    public async Task Write_Parameters_MeterDeductsAtTheNewPrice()
    {
        var meter = Meter(balance: 100m);
        ushort[] prices = [.. new[] { 20000u, 20000u, 20000u, 20000u }.SelectMany(p => ModbusRegisterConverter.FromUInt32(p))];
        await WriteAsync(meter, ElectricityRegisters.Prices, prices);
        meter.SetDemand(1m);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Equal(98m, meter.Remaining);
    }

    [Fact]
    public async Task Write_RelayOnPublicAreaMeter_RejectedWithException02()
    {
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = MeterProfile.PublicArea }, _time);
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => WriteAsync(meter, ElectricityRegisters.RelayCommand, 1, 1));
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, ex.ExceptionCode);
        Assert.True(meter.RelayClosed);
    }

    [Fact]
    public async Task Read_RealTimeBlock_HasTypeCodeAndSecondaryValues()
    {
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = MeterProfile.MainIncomer, CtRatio = 400 }, _time);
        meter.SetDemand(400m);
        _time.Advance(TimeSpan.FromHours(1));
        var block = await ReadAsync(meter, ElectricityRegisters.RealTimeStart, ElectricityRegisters.RealTimeCount);
        Assert.Equal(5, block[0]);
        Assert.Equal(2200, block[1]);
        Assert.Equal(1000, block[ElectricityRegisters.ActivePowerA + 3 - ElectricityRegisters.RealTimeStart]);
        Assert.Equal(400, block[ElectricityRegisters.CtRatio - ElectricityRegisters.RealTimeStart]);
        Assert.Equal(100u, ModbusRegisterConverter.ToUInt32(block.AsSpan(ElectricityRegisters.TotalEnergy - ElectricityRegisters.RealTimeStart)));
    }

    private SimulatedElectricityMeter Meter(decimal balance, decimal alarm1 = 100m, decimal alarm2 = 30m, decimal overdraft = 0m, int purchaseCount = 0,
        decimal? price = null)
    {
        var settings = new SimulatedMeterSettings
        {
            Profile = MeterProfile.PrepaidSinglePhase,
            InitialBalance = balance,
            InitialPurchaseCount = purchaseCount,
            AlarmAmount1 = alarm1,
            AlarmAmount2 = alarm2,
            OverdraftLimit = overdraft,
        };
        settings = price is { } p
            ? settings with { Prices = new MeterPrices(p, p, p, p) }
            : settings.WithPlan(TariffPlanExamples.CommercialTou2026());
        return new SimulatedElectricityMeter(settings, _time);
    }

    private static async Task<ushort[]> ReadAsync(IModbusUnit unit, ushort address, int count)
    {
        var request = ModbusRequests.ReadHoldingRegisters(address, count);
        return ModbusResponses.ReadRegisters(1, request, await unit.HandleAsync(request, CancellationToken.None));
    }

    private static async Task WriteAsync(IModbusUnit unit, ushort address, params ushort[] values)
    {
        var request = ModbusRequests.WriteMultipleRegisters(address, values);
        ModbusResponses.CheckWrite(1, request, await unit.HandleAsync(request, CancellationToken.None));
    }

    private static async Task<MeterStatusFlags> FlagsAsync(IModbusUnit unit)
    {
        var words = await ReadAsync(unit, ElectricityRegisters.Status, 2);
        return StatusWord.DecodeFlags(words[0], words[1]);
    }
}
