using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Tests.Drivers;

/// <summary>
/// A register transport straight into an <see cref="IModbusUnit"/>, with the same exceptions a client throws.
/// <see cref="Fault"/> picks a failure per request: before the unit sees it, or after it applied a write.
/// </summary>
internal sealed class UnitTransport(IModbusUnit unit, byte unitId = 1) : IModbusRegisterTransport
{
    public Func<int, ModbusPdu, TransportFault>? Fault { get; set; }

    public int Requests { get; private set; }

    public List<ModbusPdu> Sent { get; } = [];

    public async Task<ushort[]> ReadHoldingRegistersAsync(byte unit1, ushort address, int count, CancellationToken cancellationToken)
    {
        var request = ModbusRequests.ReadHoldingRegisters(address, count);
        var response = await SendAsync(request, cancellationToken);
        return ModbusResponses.ReadRegisters(unitId, request, response);
    }

    public async Task WriteMultipleRegistersAsync(byte unit1, ushort address, ushort[] values, CancellationToken cancellationToken)
    {
        var request = ModbusRequests.WriteMultipleRegisters(address, values);
        var response = await SendAsync(request, cancellationToken);
        ModbusResponses.CheckWrite(unitId, request, response);
    }

    private async Task<ModbusPdu> SendAsync(ModbusPdu request, CancellationToken cancellationToken)
    {
        Requests++;
        Sent.Add(request);
        var fault = Fault?.Invoke(Requests, request) ?? TransportFault.None;
        switch (fault)
        {
            case TransportFault.Timeout:
                throw new ModbusTimeoutException("simulated timeout");
            case TransportFault.GatewayTargetFailed:
                throw new ModbusGatewayException(unitId, request.FunctionCode, ModbusExceptionCode.GatewayTargetDeviceFailedToRespond);
        }

        var response = await unit.HandleAsync(request, cancellationToken);
        if (fault == TransportFault.ApplyThenTimeout)
        {
            throw new ModbusTimeoutException("simulated timeout after the meter applied the request");
        }

        return response;
    }
}

/// <summary>What <see cref="UnitTransport"/> does wrong for one request.</summary>
public enum TransportFault
{
    None,
    Timeout,
    GatewayTargetFailed,
    ApplyThenTimeout,
}
