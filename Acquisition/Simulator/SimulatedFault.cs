namespace Prepaid.Acquisition.Simulator;

/// <summary>What a simulated meter does wrong.</summary>
public enum SimulatedFaultKind
{
    /// <summary>Answers normally.</summary>
    None,

    /// <summary>Dead meter: no answer on RTU-over-TCP; a Modbus TCP gateway answers 0x0B.</summary>
    Silent,

    /// <summary>Answers after <see cref="SimulatedFault.Delay"/>.</summary>
    Slow,

    /// <summary>Answers with a bad CRC (noise on the line).</summary>
    CrcError,

    /// <summary>Sends garbage instead of an answer.</summary>
    Garbage,

    /// <summary>The gateway answers exception 0x0B.</summary>
    GatewayTargetFailed,

    /// <summary>Applies a purchase write but its answer is lost (other requests answer normally).</summary>
    DropPurchaseAnswer,
}

/// <summary>A fault set on a simulated meter.</summary>
/// <param name="Kind">What goes wrong.</param>
public sealed record SimulatedFault(SimulatedFaultKind Kind)
{
    /// <summary>Delay for <see cref="SimulatedFaultKind.Slow"/>.</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>A slow meter.</summary>
    public static SimulatedFault Slow(TimeSpan delay) => new(SimulatedFaultKind.Slow) { Delay = delay };
}
