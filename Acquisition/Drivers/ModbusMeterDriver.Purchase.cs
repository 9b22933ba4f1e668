using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Drivers;

/// <content>The exactly-once purchase protocol (Domain/Billing/README.md) on the purchase-count registers.</content>
public sealed partial class ModbusMeterDriver
{
    /// <inheritdoc />
    public async Task<PurchaseProbe> ProbePurchaseAsync(CancellationToken cancellationToken)
    {
        if (!Spec.HasPrepaid)
        {
            return new PurchaseProbe(null, null, $"Profile {Spec.Profile} takes no purchases.");
        }

        var (countAddress, remainingAddress) = IsWater
            ? (WaterRegisters.PurchaseCount, WaterRegisters.Remaining)
            : (ElectricityRegisters.PurchaseCount, ElectricityRegisters.Remaining);
        try
        {
            // Remaining and count are adjacent in both maps, so one read gives a consistent pair.
            var r = await _transport.ReadHoldingRegistersAsync(_unitId, remainingAddress, countAddress - remainingAddress + 1, cancellationToken)
                .ConfigureAwait(false);
            return new PurchaseProbe(r[^1], ModbusRegisterConverter.ToInt32(r) * 0.01m);
        }
        catch (ModbusException ex)
        {
            return new PurchaseProbe(null, null, ex.Message);
        }
    }

    /// <inheritdoc />
    public async Task<PurchaseWrite> WritePurchaseAsync(PurchaseIntent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var amount = ModbusRegisterConverter.FromDecimal(intent.Amount, ModbusValueType.UInt32, 0.01m);
        try
        {
            await _transport.WriteMultipleRegistersAsync(_unitId, ElectricityRegisters.Purchase, [(ushort)intent.ExpectedCount, .. amount], cancellationToken)
                .ConfigureAwait(false);
            return new PurchaseWrite(PurchaseWriteStatus.Acknowledged, $"Purchase {intent.ExpectedCount} of {intent.Amount} yuan acknowledged.");
        }
        catch (ModbusExceptionResponseException ex)
        {
            return new PurchaseWrite(PurchaseWriteStatus.Rejected, $"Purchase {intent.ExpectedCount} rejected with exception 0x{(byte)ex.ExceptionCode:X2} ({ex.ExceptionCode}).");
        }
        catch (ModbusCommunicationException ex)
        {
            return new PurchaseWrite(PurchaseWriteStatus.NoAnswer, $"Purchase {intent.ExpectedCount}: no answer ({ex.Message}).");
        }
    }

    /// <inheritdoc />
    public async Task<PurchaseCheck> CheckPurchaseAsync(PurchaseIntent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(intent);
        var probe = await ProbePurchaseAsync(cancellationToken).ConfigureAwait(false);
        if (probe.Count is not { } count)
        {
            return new PurchaseCheck(PurchaseState.Unknown, null, null, $"Count unreadable: {probe.Error}");
        }

        var state = count == intent.ExpectedCount ? PurchaseState.Delivered
            : count == intent.PreviousCount ? PurchaseState.NotApplied
            : PurchaseState.CountMismatch;
        return new PurchaseCheck(state, count, probe.Remaining,
            $"Count {count} (expected {intent.ExpectedCount}), remaining {probe.Remaining} yuan (was {intent.RemainingBefore}).");
    }

    private async Task<CommandOutcome> DeliverAsync(DeliverPurchaseCommand command, CancellationToken cancellationToken)
    {
        if (command.Amount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(command), command.Amount, "A purchase amount must be positive.");
        }

        var probe = await ProbePurchaseAsync(cancellationToken).ConfigureAwait(false);
        if (probe.Count is null)
        {
            return new CommandOutcome(CommandStatus.CommFailed, $"Purchase not started, count unreadable: {probe.Error}");
        }

        var intent = probe.IntentFor(command.Amount);
        if (command.PersistIntent is { } persist)
        {
            await persist(intent, cancellationToken).ConfigureAwait(false);
        }

        return await WriteUntilDeliveredAsync(intent, cancellationToken).ConfigureAwait(false);
    }

    private async Task<CommandOutcome> ResumeAsync(PurchaseIntent intent, CancellationToken cancellationToken)
    {
        var check = await CheckPurchaseAsync(intent, cancellationToken).ConfigureAwait(false);
        return check.State switch
        {
            PurchaseState.Delivered => new CommandOutcome(CommandStatus.Confirmed, $"Already delivered before the stop. {check.Detail}") { Purchase = intent, Check = check },
            PurchaseState.NotApplied => await WriteUntilDeliveredAsync(intent, cancellationToken).ConfigureAwait(false),
            PurchaseState.Unknown => new CommandOutcome(CommandStatus.CommFailed, $"Delivery unknown, retry the read-back later. {check.Detail}") { Purchase = intent, Check = check },
            _ => new CommandOutcome(CommandStatus.NotConfirmed, $"Count mismatch, needs an operator. {check.Detail}") { Purchase = intent, Check = check },
        };
    }

    private async Task<CommandOutcome> WriteUntilDeliveredAsync(PurchaseIntent intent, CancellationToken cancellationToken)
    {
        PurchaseCheck? check = null;
        for (var attempt = 0; attempt < Math.Max(1, _options.MaxPurchaseWrites); attempt++)
        {
            var write = await WritePurchaseAsync(intent, cancellationToken).ConfigureAwait(false);
            check = await CheckPurchaseAsync(intent, cancellationToken).ConfigureAwait(false);
            switch (check.State)
            {
                case PurchaseState.Delivered:
                    return new CommandOutcome(CommandStatus.Confirmed, $"Delivered. {check.Detail}") { Purchase = intent, Check = check };
                case PurchaseState.NotApplied when write.Status == PurchaseWriteStatus.Rejected:
                    return new CommandOutcome(CommandStatus.Refused, $"{write.Detail} {check.Detail}") { Purchase = intent, Check = check };
                case PurchaseState.NotApplied:
                    continue;
                case PurchaseState.Unknown:
                    return new CommandOutcome(CommandStatus.CommFailed, $"{write.Detail} Delivery unknown, resolve with a read-back before any new purchase. {check.Detail}")
                        { Purchase = intent, Check = check };
                default:
                    return new CommandOutcome(CommandStatus.NotConfirmed, $"Count mismatch, needs an operator. {check.Detail}") { Purchase = intent, Check = check };
            }
        }

        return new CommandOutcome(CommandStatus.NotConfirmed, $"Not applied after {_options.MaxPurchaseWrites} writes; safe to resend. {check?.Detail}")
            { Purchase = intent, Check = check };
    }
}
