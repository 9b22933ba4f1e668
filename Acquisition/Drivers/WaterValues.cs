namespace Prepaid.Acquisition.Drivers;

/// <summary>Water values of one reading.</summary>
/// <param name="VolumeM3">Cumulative volume in m3.</param>
/// <param name="FlowM3PerHour">Flow in m3/h.</param>
/// <param name="Valve">Valve state.</param>
public sealed record WaterValues(decimal VolumeM3, decimal FlowM3PerHour, ValveState Valve);
