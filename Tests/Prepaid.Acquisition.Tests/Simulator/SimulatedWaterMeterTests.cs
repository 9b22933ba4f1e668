using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Tests.Simulator;

public class SimulatedWaterMeterTests
{
    private readonly FakeTimeProvider _time = new(MallFixtures.SummerMorning);

    [Fact]
    public async Task Advance_AmountUsedUp_ValveCloses()
    {
        // 1 m3/h at 4.20 yuan: 8.40 yuan lasts two hours.
        var meter = Meter(8.40m);
        meter.SetDemand(1m);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.True(meter.ValveOpen);
        _time.Advance(TimeSpan.FromHours(1.5));
        Assert.False(meter.ValveOpen);
        var block = await ReadAsync(meter, 0, WaterRegisters.BlockCount);
        Assert.Equal(2000u, ModbusRegisterConverter.ToUInt32(block));
        Assert.Equal((ushort)ValveState.Closed, block[WaterRegisters.ValveState]);
        Assert.Equal(0, block[WaterRegisters.Flow]);
    }

    [Fact]
    public async Task Purchase_AfterValveClosedAtZero_Reopens()
    {
        var meter = Meter(0m);
        Assert.False(meter.ValveOpen);
        await WriteAsync(meter, WaterRegisters.Purchase, 1, 0, 5000);
        Assert.True(meter.ValveOpen);
        Assert.Equal(50m, meter.Remaining);
    }

    [Fact]
    public async Task Write_CloseCommand_StaysClosedUntilOpenCommand()
    {
        var meter = Meter(100m);
        await WriteAsync(meter, WaterRegisters.ValveCommand, WaterRegisters.CloseCommand);
        Assert.False(meter.ValveOpen);
        await WriteAsync(meter, WaterRegisters.ValveCommand, WaterRegisters.OpenCommand);
        Assert.True(meter.ValveOpen);
    }

    [Fact]
    public async Task Write_UnknownValveCommand_RejectedWithException03()
    {
        var meter = Meter(100m);
        var ex = await Assert.ThrowsAsync<ModbusExceptionResponseException>(() => WriteAsync(meter, WaterRegisters.ValveCommand, 0x12));
        Assert.Equal(ModbusExceptionCode.IllegalDataValue, ex.ExceptionCode);
    }

    private SimulatedWaterMeter Meter(decimal balance) =>
        new(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidWater, InitialBalance = balance, Prices = new MeterPrices(4.2m, 4.2m, 4.2m, 4.2m) }, _time);

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
}
