using Prepaid.Acquisition.Modbus;

namespace Prepaid.Acquisition.Drivers;

/// <summary>
/// The register access a Modbus meter driver needs: one bus or gateway port, shared by the meters on it.
/// Implementations throw <see cref="ModbusCommunicationException"/> for no answer and
/// <see cref="ModbusExceptionResponseException"/> for exception answers, as <see cref="ModbusClient"/> does.
/// </summary>
public interface IModbusRegisterTransport
{
    /// <summary>FC03: reads holding registers.</summary>
    Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken);

    /// <summary>FC16: writes holding registers.</summary>
    Task WriteMultipleRegistersAsync(byte unitId, ushort address, ushort[] values, CancellationToken cancellationToken);
}

/// <summary>An <see cref="IModbusRegisterTransport"/> over a <see cref="ModbusClient"/> (TCP, RTU over TCP or serial).</summary>
/// <param name="client">The client; its owner disposes it.</param>
public sealed class ModbusClientTransport(ModbusClient client) : IModbusRegisterTransport
{
    private readonly ModbusClient _client = client ?? throw new ArgumentNullException(nameof(client));

    /// <inheritdoc />
    public Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken) =>
        _client.ReadHoldingRegistersAsync(unitId, address, count, cancellationToken);

    /// <inheritdoc />
    public Task WriteMultipleRegistersAsync(byte unitId, ushort address, ushort[] values, CancellationToken cancellationToken) =>
        _client.WriteMultipleRegistersAsync(unitId, address, values, cancellationToken);
}
