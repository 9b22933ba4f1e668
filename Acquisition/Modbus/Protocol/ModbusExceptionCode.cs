namespace Prepaid.Acquisition.Modbus;

/// <summary>Exception codes a Modbus server returns in an exception response.</summary>
public enum ModbusExceptionCode : byte
{
    /// <summary>01: the function code is not supported.</summary>
    IllegalFunction = 0x01,

    /// <summary>02: the address (or address plus count) is not allowed.</summary>
    IllegalDataAddress = 0x02,

    /// <summary>03: a value in the request is not allowed (count, byte count, coil value).</summary>
    IllegalDataValue = 0x03,

    /// <summary>04: unrecoverable error while the server performed the action.</summary>
    ServerDeviceFailure = 0x04,

    /// <summary>05: accepted, long-running; poll later.</summary>
    Acknowledge = 0x05,

    /// <summary>06: the server is busy; retry later.</summary>
    ServerDeviceBusy = 0x06,

    /// <summary>08: memory parity error (file records).</summary>
    MemoryParityError = 0x08,

    /// <summary>0x0A: a gateway could not allocate a path to the target.</summary>
    GatewayPathUnavailable = 0x0A,

    /// <summary>0x0B: a gateway got no answer from the target device.</summary>
    GatewayTargetDeviceFailedToRespond = 0x0B,
}
