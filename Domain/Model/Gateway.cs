namespace Prepaid.Domain.Model;

/// <summary>A communication manager on the LAN that bridges TCP to one or more RS485 buses.</summary>
public sealed class Gateway
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The site this gateway belongs to.</summary>
    public int SiteId { get; set; }
    /// <summary>The shaft whose collection box holds the gateway.</summary>
    public int? ShaftId { get; set; }
    /// <summary>Display name, unique per site.</summary>
    public required string Name { get; set; }
    /// <summary>Host name or IP address.</summary>
    public required string Host { get; set; }
    /// <summary>How Modbus travels over TCP.</summary>
    public GatewayFraming Framing { get; set; }
    /// <summary>False to stop polling without deleting the configuration.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The serial buses behind this gateway.</summary>
    public List<Bus> Buses { get; set; } = [];
}

/// <summary>One RS485 segment behind a gateway: about 30 devices, one request in flight at a time.</summary>
public sealed class Bus
{
    /// <summary>Primary key.</summary>
    public int Id { get; set; }
    /// <summary>The gateway this bus is wired to.</summary>
    public int GatewayId { get; set; }
    /// <summary>The gateway's serial port number, starting at 1.</summary>
    public int PortNumber { get; set; }
    /// <summary>TCP port at which the gateway exposes this serial port (one port per serial channel).</summary>
    public int TcpPort { get; set; }
    /// <summary>Display name.</summary>
    public required string Name { get; set; }
    /// <summary>Serial speed in baud (1200 to 38400 on the meters we know).</summary>
    public int BaudRate { get; set; } = 9600;
    /// <summary>Serial parity.</summary>
    public SerialParity Parity { get; set; }
    /// <summary>How long to wait for a meter's answer, in milliseconds.</summary>
    public int ResponseTimeoutMs { get; set; } = 1000;
    /// <summary>The meters on this bus.</summary>
    public List<Meter> Meters { get; set; } = [];
}
