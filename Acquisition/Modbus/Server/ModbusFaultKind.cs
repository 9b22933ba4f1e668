namespace Prepaid.Acquisition.Modbus;

/// <summary>What a <see cref="ModbusServer"/> does wrong on purpose for one request (see <see cref="ModbusFault"/>).</summary>
public enum ModbusFaultKind
{
    /// <summary>Answer normally.</summary>
    None,

    /// <summary>Do not pass the request to the unit and send nothing, like a dead meter.</summary>
    Silent,

    /// <summary>Wait <see cref="ModbusFault.Delay"/>, then answer normally.</summary>
    Slow,

    /// <summary>Answer with a corrupted CRC (RTU) or a corrupted last byte (TCP).</summary>
    CorruptCrc,

    /// <summary>Send <see cref="ModbusFault.Garbage"/> instead of an answer; the request is not applied.</summary>
    Garbage,

    /// <summary>Send <see cref="ModbusFault.Garbage"/> followed by the correct answer.</summary>
    GarbageThenAnswer,

    /// <summary>Answer with exception <see cref="ModbusFault.ExceptionCode"/> without applying the request (0x0B, 06 busy, ...).</summary>
    Exception,

    /// <summary>Apply the request (e.g. a write) but send no answer, as when the line drops after the meter acted.</summary>
    ApplyAndDropAnswer,

    /// <summary>Close the connection instead of answering; the request is not applied.</summary>
    Disconnect,
}
