using Microsoft.Extensions.Time.Testing;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Tests.Simulator;

/// <summary>A simulated meter started with the control it was under before a restart keeps it, as a real meter does.</summary>
public class SimulatedMeterRestartTests
{
    private readonly FakeTimeProvider _time = new(MallFixtures.SummerMorning);

    [Fact]
    public async Task Start_InitialForcedTrip_RelayStaysOpenUnderForcedControlAndDrawsNothing()
    {
        var meter = new SimulatedElectricityMeter(new SimulatedMeterSettings
        {
            Profile = MeterProfile.PrepaidThreePhase, InternalControl = false, InitialForcedControl = ForcedControl.Trip,
        }, _time);
        meter.SetDemand(30m);
        _time.Advance(TimeSpan.FromHours(1));

        var reading = await new ModbusMeterDriver(MeterProfile.PrepaidThreePhase, 1, new Drivers.UnitTransport(meter)).ReadAsync(CancellationToken.None);

        Assert.Equal([false, false, false], reading.RelayClosed);
        Assert.True(reading.Status.HasFlag(MeterStatusFlags.ForcedControl));
        Assert.Equal(0m, reading.Electrical!.TotalEnergyKwh);
    }

    [Fact]
    public void Start_InitialKeepPowerWithoutCredit_RelayStaysClosedWhereTheBalanceAloneWouldTrip()
    {
        var settings = new SimulatedMeterSettings { Profile = MeterProfile.PrepaidSinglePhase, InitialBalance = -50m };

        var kept = new ElectricityMeterModel(settings with { InitialForcedControl = ForcedControl.KeepPower }, _time.GetUtcNow());
        var automatic = new ElectricityMeterModel(settings, _time.GetUtcNow());

        Assert.True(kept.RelayClosed);
        Assert.Equal(ForcedControl.KeepPower, kept.Forced);
        Assert.False(automatic.RelayClosed);
        Assert.Equal(ForcedControl.None, automatic.Forced);
    }

    [Fact]
    public void Start_InitialValveClosedByCommand_ValveStaysClosedWithCredit()
    {
        var meter = new SimulatedWaterMeter(new SimulatedMeterSettings
        {
            Profile = MeterProfile.PrepaidWater, InitialBalance = 80m, InitialValveClosedByCommand = true,
        }, _time);
        meter.SetDemand(1m);
        _time.Advance(TimeSpan.FromHours(1));

        Assert.False(meter.ValveOpen);
        Assert.Equal(80m, meter.Remaining);
    }
}
