namespace Prepaid.Acquisition.Modbus;

/// <summary>Wraps and unwraps PDUs for one framing, for both the client and the server side.</summary>
internal interface IModbusFramer
{
    /// <summary>True when stale input should be flushed before each request (RTU has no transaction id).</summary>
    bool FlushBeforeRequest { get; }

    byte[] Encode(ushort transactionId, byte unitId, ModbusPdu pdu);

    /// <summary>
    /// Client side: reads until a frame that answers <paramref name="request"/> arrives, discarding late,
    /// foreign and corrupted frames on the way.
    /// </summary>
    ValueTask<ModbusPdu> ReadResponseAsync(FrameReader reader, ushort transactionId, byte unitId, ModbusPdu request, CancellationToken cancellationToken);

    /// <summary>Server side: reads the next well-formed request frame.</summary>
    ValueTask<ModbusFrame> ReadRequestAsync(FrameReader reader, CancellationToken cancellationToken);

    public static IModbusFramer For(ModbusFraming framing) => framing switch
    {
        ModbusFraming.Tcp => ModbusTcpFramer.Instance,
        ModbusFraming.Rtu => ModbusRtuFramer.Instance,
        _ => throw new ArgumentOutOfRangeException(nameof(framing), framing, "Unknown framing."),
    };
}
