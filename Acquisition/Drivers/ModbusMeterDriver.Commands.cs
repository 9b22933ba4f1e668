using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Drivers;

/// <content>Relay, valve, parameter and power-limit commands, each confirmed by a read-back.</content>
public sealed partial class ModbusMeterDriver
{
    private async Task<CommandOutcome> RelayAsync(RelayAction action, CancellationToken cancellationToken)
    {
        ushort[] values = action switch
        {
            RelayAction.Trip => [1, 1],
            RelayAction.KeepPower => [1, 0],
            _ => [0],
        };
        if (await TryWriteAsync(ElectricityRegisters.RelayCommand, values, action.ToString(), cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        return await ConfirmAsync(ElectricityRegisters.Status, 2, (registers, last) =>
        {
            var flags = StatusWord.DecodeFlags(registers[0], registers[1]);
            var relays = StatusWord.DecodeRelays(registers[0], Spec.Loops);
            var forced = flags.HasFlag(MeterStatusFlags.ForcedControl);
            return action switch
            {
                RelayAction.Trip when forced && relays.All(closed => !closed) => new CommandOutcome(CommandStatus.Confirmed, "Relay open (forced trip)."),
                RelayAction.KeepPower when forced && relays.All(closed => closed) => new CommandOutcome(CommandStatus.Confirmed, "Relay closed (keep power)."),
                // Some meters refuse a remote close after an arrears trip: once the meter had its time to act, say so
                // rather than retry, since nothing changes until credit arrives.
                RelayAction.KeepPower when last && flags.HasFlag(MeterStatusFlags.Arrears) =>
                    new CommandOutcome(CommandStatus.Refused, "Close refused: the meter stays open while in arrears."),
                RelayAction.Release when !forced =>
                    new CommandOutcome(CommandStatus.Confirmed, $"Forced control released; relay {(relays.All(c => c) ? "closed" : "open")} under prepaid control."),
                _ => null,
            };
        }, $"{action}: the status word did not show the commanded state.", cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommandOutcome> ValveAsync(bool open, CancellationToken cancellationToken)
    {
        var what = open ? "Open valve" : "Close valve";
        ushort[] command = [open ? WaterRegisters.OpenCommand : WaterRegisters.CloseCommand];
        if (await TryWriteAsync(WaterRegisters.ValveCommand, command, what, cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        const int count = WaterRegisters.PurchaseCount - WaterRegisters.ValveState + 1;
        return await ConfirmAsync(WaterRegisters.ValveState, count, (registers, last) =>
        {
            var state = (ValveState)registers[0];
            var remaining = ModbusRegisterConverter.ToInt32(registers.AsSpan(WaterRegisters.Remaining - WaterRegisters.ValveState)) * 0.01m;
            return (open, state) switch
            {
                (true, ValveState.Open) or (false, ValveState.Closed) => new CommandOutcome(CommandStatus.Confirmed, $"Valve {state}."),
                (_, ValveState.Fault) => new CommandOutcome(CommandStatus.Refused, "Valve fault."),
                (true, _) when last && remaining <= 0 => new CommandOutcome(CommandStatus.Refused, $"Open refused: remaining {remaining} yuan."),
                _ => null,
            };
        }, $"{what}: the valve state did not change.", cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommandOutcome> PushParametersAsync(PushParametersCommand push, CancellationToken cancellationToken)
    {
        // Encode everything first so a value with too many decimals fails before anything is written.
        var writes = new List<(ushort Address, ushort[] Values, string What)>();
        if (push.Prices is { } prices)
        {
            writes.Add((ElectricityRegisters.Prices, [.. prices.InOrder().SelectMany(p => ModbusRegisterConverter.FromDecimal(p, ModbusValueType.UInt32, 0.0001m))], "Prices"));
        }

        if (push.AlarmAmount1 is { } alarm1)
        {
            writes.Add((ElectricityRegisters.AlarmAmount1, ModbusRegisterConverter.FromDecimal(alarm1, ModbusValueType.UInt32, 0.01m), "Alarm amount 1"));
        }

        if (push.AlarmAmount2 is { } alarm2)
        {
            writes.Add((ElectricityRegisters.AlarmAmount2, ModbusRegisterConverter.FromDecimal(alarm2, ModbusValueType.UInt32, 0.01m), "Alarm amount 2"));
        }

        if (push.OverdraftLimit is { } overdraft)
        {
            writes.Add((ElectricityRegisters.OverdraftLimit, ModbusRegisterConverter.FromDecimal(overdraft, ModbusValueType.UInt32, 0.01m), "Overdraft limit"));
        }

        foreach (var (address, values, what) in writes)
        {
            if (await TryWriteAsync(address, values, what, cancellationToken).ConfigureAwait(false) is { } failed)
            {
                return failed;
            }
        }

        return await ConfirmAsync(ElectricityRegisters.ParametersStart, ElectricityRegisters.ParametersCount, (registers, _) =>
        {
            var mismatch = writes.FirstOrDefault(w => !registers.AsSpan(w.Address - ElectricityRegisters.ParametersStart, w.Values.Length).SequenceEqual(w.Values));
            return mismatch.What is null ? new CommandOutcome(CommandStatus.Confirmed, "Parameters read back as written.") : null;
        }, "Parameters: the read-back differs from what was written.", cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommandOutcome> PushPowerLimitAsync(PushPowerLimitCommand limit, CancellationToken cancellationToken)
    {
        ushort[] values =
        [
            limit.Enabled ? (ushort)1 : (ushort)0,
            ModbusRegisterConverter.FromDecimal(limit.MaxPowerKw, ModbusValueType.UInt16, 0.01m)[0],
            ModbusRegisterConverter.FromRaw(limit.DurationSeconds, ModbusValueType.UInt16)[0],
        ];
        if (await TryWriteAsync(ElectricityRegisters.PowerLimit, values, "Power limit", cancellationToken).ConfigureAwait(false) is { } failed)
        {
            return failed;
        }

        return await ConfirmAsync(ElectricityRegisters.PowerLimit, values.Length,
            (registers, _) => registers.AsSpan().SequenceEqual(values) ? new CommandOutcome(CommandStatus.Confirmed, "Power limit read back as written.") : null,
            "Power limit: the read-back differs from what was written.", cancellationToken).ConfigureAwait(false);
    }
}
