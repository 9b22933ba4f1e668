namespace Prepaid.App.Simulation;

/// <summary>Configuration section "Simulator": the built-in mall simulator serving the database's topology.</summary>
public sealed class SimulationOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Simulator";

    /// <summary>Run the simulator inside the server (demo and development sites only).</summary>
    public bool Enabled { get; set; }

    /// <summary>Hold each bus for the wire time of every transaction at its baud rate.</summary>
    public bool WireEmulation { get; set; }

    /// <summary>Simulated seconds per real second (1 = real time; 60 = an hour a minute).</summary>
    public double TimeScale { get; set; } = 1.0;

    /// <summary>Seed of the load noise.</summary>
    public int Seed { get; set; } = 1;

    /// <summary>Real seconds between load updates.</summary>
    public double LoadUpdateSeconds { get; set; } = 5.0;

    /// <summary>Simulated start instant; null starts at the current time.</summary>
    public DateTimeOffset? StartAt { get; set; }

    /// <summary>Address the bus ports listen on.</summary>
    public string BindAddress { get; set; } = "127.0.0.1";

    /// <summary>Meter turnaround for wire emulation, in milliseconds.</summary>
    public int TurnaroundMs { get; set; } = 30;

    /// <summary>With wire emulation, how long a Modbus TCP gateway holds a bus for a silent meter before answering 0x0B, in milliseconds.</summary>
    public int GatewayTimeoutMs { get; set; } = 500;

    /// <summary>Returns the first problem with the values, or null.</summary>
    public string? Validate() =>
        TimeScale <= 0 || double.IsNaN(TimeScale) ? "Simulator:TimeScale must be positive."
        : LoadUpdateSeconds <= 0 ? "Simulator:LoadUpdateSeconds must be positive."
        : !System.Net.IPAddress.TryParse(BindAddress, out _) ? $"Simulator:BindAddress '{BindAddress}' is not an IP address."
        : TurnaroundMs < 0 ? "Simulator:TurnaroundMs must not be negative."
        : GatewayTimeoutMs < 1 ? "Simulator:GatewayTimeoutMs must be positive."
        : null;
}
