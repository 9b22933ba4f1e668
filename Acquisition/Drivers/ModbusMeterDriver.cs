using Prepaid.Acquisition.Modbus;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Drivers;

/// <summary>
/// <see cref="IMeterDriver"/> for the Modbus profiles of README.md, "Register maps" (prepaid single- and three-phase,
/// public area, main incomer, prepaid water). One instance per meter; meters on one bus share the transport.
/// </summary>
public sealed partial class ModbusMeterDriver : IMeterDriver
{
    private readonly IModbusRegisterTransport _transport;
    private readonly byte _unitId;
    private readonly MeterDriverOptions _options;

    /// <summary>Creates the driver of the meter at <paramref name="unitId"/> on <paramref name="transport"/>.</summary>
    public ModbusMeterDriver(MeterProfile profile, byte unitId, IModbusRegisterTransport transport, MeterDriverOptions? options = null)
    {
        _transport = transport ?? throw new ArgumentNullException(nameof(transport));
        ArgumentOutOfRangeException.ThrowIfZero(unitId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(unitId, (byte)247);
        Spec = MeterProfileSpec.For(profile);
        _unitId = unitId;
        _options = options ?? new MeterDriverOptions();
    }

    /// <inheritdoc />
    public MeterProfileSpec Spec { get; }

    /// <summary>The unit id on the bus.</summary>
    public byte UnitId => _unitId;

    private bool IsWater => Spec.Kind == MeterKind.Water;

    private DateTimeOffset Now => _options.TimeProvider.GetUtcNow();

    /// <inheritdoc />
    public async Task<MeterReading> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (IsWater)
            {
                var block = await _transport.ReadHoldingRegistersAsync(_unitId, WaterRegisters.Volume, WaterRegisters.BlockCount, cancellationToken).ConfigureAwait(false);
                return WaterBlockDecoder.Decode(Spec, block, Now);
            }

            var registers = await _transport.ReadHoldingRegistersAsync(_unitId, ElectricityRegisters.RealTimeStart, ElectricityRegisters.RealTimeCount, cancellationToken)
                .ConfigureAwait(false);
            return ElectricityBlockDecoder.Decode(Spec, registers, Now);
        }
        catch (ModbusCommunicationException ex)
        {
            return MeterReading.Failed(Spec.Profile, ValueQuality.CommLost, Now, ex.Message);
        }
        catch (ModbusExceptionResponseException ex)
        {
            return MeterReading.Failed(Spec.Profile, ValueQuality.Invalid, Now, ex.Message);
        }
    }

    /// <inheritdoc />
    public async Task<PrepaidParameters?> ReadParametersAsync(CancellationToken cancellationToken)
    {
        if (IsWater || !Spec.HasPrepaid)
        {
            return null;
        }

        try
        {
            var r = await _transport.ReadHoldingRegistersAsync(_unitId, ElectricityRegisters.ParametersStart, ElectricityRegisters.ParametersCount, cancellationToken)
                .ConfigureAwait(false);
            uint U32(ushort address) => ((uint)r[address - ElectricityRegisters.ParametersStart] << 16) | r[address - ElectricityRegisters.ParametersStart + 1];
            decimal Price(int i) => U32((ushort)(ElectricityRegisters.Prices + (2 * i))) * 0.0001m;
            return new PrepaidParameters
            {
                Enabled = r[0] != 0,
                PurchaseCount = r[1],
                Prices = new MeterPrices(Price(0), Price(1), Price(2), Price(3)),
                AlarmAmount1 = U32(ElectricityRegisters.AlarmAmount1) * 0.01m,
                AlarmAmount2 = U32(ElectricityRegisters.AlarmAmount2) * 0.01m,
                OverdraftLimit = U32(ElectricityRegisters.OverdraftLimit) * 0.01m,
                TotalPurchased = U32(ElectricityRegisters.TotalPurchased) * 0.01m,
                Remaining = unchecked((int)U32(ElectricityRegisters.ParameterRemaining)) * 0.01m,
            };
        }
        catch (ModbusException)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public Task<CommandOutcome> ExecuteAsync(MeterCommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request switch
        {
            TripCommand when Spec.Loops > 0 => RelayAsync(RelayAction.Trip, cancellationToken),
            KeepPowerCommand when Spec.Loops > 0 => RelayAsync(RelayAction.KeepPower, cancellationToken),
            ReleaseControlCommand when Spec.Loops > 0 => RelayAsync(RelayAction.Release, cancellationToken),
            OpenValveCommand when IsWater => ValveAsync(open: true, cancellationToken),
            CloseValveCommand when IsWater => ValveAsync(open: false, cancellationToken),
            PushParametersCommand push when Spec.HasPrepaid && !IsWater => PushParametersAsync(push, cancellationToken),
            PushPowerLimitCommand limit when Spec.HasPrepaid && !IsWater => PushPowerLimitAsync(limit, cancellationToken),
            DeliverPurchaseCommand purchase when Spec.HasPrepaid => DeliverAsync(purchase, cancellationToken),
            ResumePurchaseCommand resume when Spec.HasPrepaid => ResumeAsync(resume.Intent, cancellationToken),
            _ => Task.FromResult(new CommandOutcome(CommandStatus.Unsupported, $"{request.GetType().Name} is not supported by profile {Spec.Profile}.")),
        };
    }

    /// <summary>Writes, mapping the failures to an outcome; null when the write was acknowledged.</summary>
    private async Task<CommandOutcome?> TryWriteAsync(ushort address, ushort[] values, string what, CancellationToken cancellationToken)
    {
        try
        {
            await _transport.WriteMultipleRegistersAsync(_unitId, address, values, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ModbusExceptionResponseException ex)
        {
            return new CommandOutcome(CommandStatus.Refused, $"{what}: the meter refused with exception 0x{(byte)ex.ExceptionCode:X2} ({ex.ExceptionCode}).");
        }
        catch (ModbusCommunicationException ex)
        {
            return new CommandOutcome(CommandStatus.CommFailed, $"{what}: no answer, the command may or may not be applied ({ex.Message}).");
        }
    }

    /// <summary>Reads registers for a confirmation; null when the meter did not answer.</summary>
    private async Task<ushort[]?> TryReadAsync(ushort address, int count, CancellationToken cancellationToken)
    {
        try
        {
            return await _transport.ReadHoldingRegistersAsync(_unitId, address, count, cancellationToken).ConfigureAwait(false);
        }
        catch (ModbusException)
        {
            return null;
        }
    }

    /// <summary>Reads back until <paramref name="check"/> decides, up to the configured number of reads.</summary>
    /// <remarks><paramref name="check"/> gets the registers and whether this is the last read-back.</remarks>
    private async Task<CommandOutcome> ConfirmAsync(ushort address, int count, Func<ushort[], bool, CommandOutcome?> check, string notConfirmed,
        CancellationToken cancellationToken)
    {
        var reads = Math.Max(1, _options.ConfirmReads);
        for (var read = 0; read < reads; read++)
        {
            if (read > 0)
            {
                await Task.Delay(_options.ConfirmDelay, _options.TimeProvider, cancellationToken).ConfigureAwait(false);
            }

            if (await TryReadAsync(address, count, cancellationToken).ConfigureAwait(false) is { } registers && check(registers, read == reads - 1) is { } outcome)
            {
                return outcome;
            }
        }

        return new CommandOutcome(CommandStatus.NotConfirmed, notConfirmed);
    }
}
