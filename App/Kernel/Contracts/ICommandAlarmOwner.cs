using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Contracts;

/// <summary>
/// A feature that raises its own, more specific alarm for some failed or refused commands (a purchase whose count
/// does not match, a keep-power release that failed at expiry). The alarm engine asks every owner before it raises
/// the generic "command failed" alarm, so one fault never gives two alarms.
/// </summary>
public interface ICommandAlarmOwner
{
    /// <summary>True when the owner raises its own alarm for <paramref name="command"/>.</summary>
    bool RaisesOwnAlarm(MeterCommand command);
}
