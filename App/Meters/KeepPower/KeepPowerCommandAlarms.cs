using Prepaid.App.Kernel.Contracts;
using Prepaid.Domain.Model;

namespace Prepaid.App.Meters.KeepPower;

/// <summary>Keep power raises its own alarm, with its retry plan, for a release that failed at expiry.</summary>
internal sealed class KeepPowerCommandAlarms : ICommandAlarmOwner
{
    public bool RaisesOwnAlarm(MeterCommand command) => KeepPowerService.RaisesOwnAlarm(command);
}
