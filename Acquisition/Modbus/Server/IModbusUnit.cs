namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// One addressable device (unit id) hosted by a <see cref="ModbusServer"/>: a simulated meter, a register bank.
/// </summary>
public interface IModbusUnit
{
    /// <summary>
    /// Handles a request PDU and returns the response PDU, which may be an exception response. Throwing
    /// <see cref="ModbusExceptionResponseException"/> answers that exception code; any other exception answers 04.
    /// </summary>
    ValueTask<ModbusPdu> HandleAsync(ModbusPdu request, CancellationToken cancellationToken);
}
