namespace Prepaid.Acquisition.Modbus;

/// <summary>
/// The fault a <see cref="ModbusFaultInjector"/> chose for one request. Use the static members, e.g.
/// <see cref="Slow"/>, <see cref="GatewayTargetFailed"/> or <see cref="ApplyAndDropAnswer"/>.
/// </summary>
/// <param name="Kind">What to do.</param>
public sealed record ModbusFault(ModbusFaultKind Kind)
{
    /// <summary>Answer normally.</summary>
    public static ModbusFault None { get; } = new(ModbusFaultKind.None);

    /// <summary>Send nothing.</summary>
    public static ModbusFault Silent { get; } = new(ModbusFaultKind.Silent);

    /// <summary>Answer with a corrupted CRC.</summary>
    public static ModbusFault CorruptCrc { get; } = new(ModbusFaultKind.CorruptCrc);

    /// <summary>Answer exception 0x0B, as a gateway whose meter is silent.</summary>
    public static ModbusFault GatewayTargetFailed { get; } = Exception(ModbusExceptionCode.GatewayTargetDeviceFailedToRespond);

    /// <summary>Answer exception 06, server busy.</summary>
    public static ModbusFault Busy { get; } = Exception(ModbusExceptionCode.ServerDeviceBusy);

    /// <summary>Apply the request but drop the answer.</summary>
    public static ModbusFault ApplyAndDropAnswer { get; } = new(ModbusFaultKind.ApplyAndDropAnswer);

    /// <summary>Close the connection.</summary>
    public static ModbusFault Disconnect { get; } = new(ModbusFaultKind.Disconnect);

    /// <summary>Delay before a <see cref="ModbusFaultKind.Slow"/> answer.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Bytes sent for <see cref="ModbusFaultKind.Garbage"/> and <see cref="ModbusFaultKind.GarbageThenAnswer"/>.</summary>
    public IReadOnlyList<byte> Garbage { get; init; } = [];

    /// <summary>Exception code for <see cref="ModbusFaultKind.Exception"/>.</summary>
    public ModbusExceptionCode ExceptionCode { get; init; }

    /// <summary>Answer after <paramref name="delay"/>.</summary>
    public static ModbusFault Slow(TimeSpan delay) => new(ModbusFaultKind.Slow) { Delay = delay };

    /// <summary>Answer exception <paramref name="code"/> without applying the request.</summary>
    public static ModbusFault Exception(ModbusExceptionCode code) => new(ModbusFaultKind.Exception) { ExceptionCode = code };

    /// <summary>Send <paramref name="bytes"/> and no answer.</summary>
    public static ModbusFault GarbageOnly(params byte[] bytes) => new(ModbusFaultKind.Garbage) { Garbage = bytes };

    /// <summary>Send <paramref name="bytes"/>, then the correct answer.</summary>
    public static ModbusFault GarbageThenAnswer(params byte[] bytes) => new(ModbusFaultKind.GarbageThenAnswer) { Garbage = bytes };
}
