using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Tests.Simulator;

public class PlatformBillingTests
{
    private readonly FakeTimeProvider _time = new(MallFixtures.SummerMorning);

    [Fact]
    public async Task Advance_PlatformBilledMeterWithoutCredit_KeepsSupplyAndReportsPrepaidOff()
    {
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidThreePhase, InternalControl = false }, _time);
        meter.SetDemand(30m);
        _time.Advance(TimeSpan.FromHours(1));

        var reading = await new ModbusMeterDriver(MeterProfile.PrepaidThreePhase, 1, new Drivers.UnitTransport(meter)).ReadAsync(CancellationToken.None);

        Assert.Equal([true, true, true], reading.RelayClosed);
        Assert.False(reading.Status.HasFlag(MeterStatusFlags.PrepaidEnabled));
        Assert.Equal(0m, reading.RemainingYuan);
        Assert.Equal(30m, reading.Electrical!.TotalEnergyKwh);
    }

    [Fact]
    public void Advance_PlatformBilledWaterMeterWithoutCredit_ValveStaysOpen()
    {
        var meter = new SimulatedWaterMeter(new SimulatedMeterSettings { Profile = MeterProfile.PrepaidWater, InternalControl = false }, _time);
        meter.SetDemand(1m);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.True(meter.ValveOpen);
        Assert.Equal(0m, meter.Remaining);
    }
}
