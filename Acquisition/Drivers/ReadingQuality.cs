namespace Prepaid.Acquisition.Drivers;

/// <summary>Whether a <see cref="MeterReading"/> holds meter data.</summary>
public enum ReadingQuality
{
    /// <summary>Values read from the meter and decoded.</summary>
    Good,

    /// <summary>The meter answered but the answer is not usable (exception response, impossible values).</summary>
    Invalid,

    /// <summary>No answer: timeout, connection lost, gateway reporting the meter silent (0x0B), corrupted frames.</summary>
    CommLost,
}
