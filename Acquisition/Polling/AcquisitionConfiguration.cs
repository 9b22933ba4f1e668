using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Polling;

/// <summary>What to poll: gateways, their buses and the meters on each bus. Independent of the database.</summary>
/// <param name="Gateways">The gateways.</param>
public sealed record AcquisitionConfiguration(IReadOnlyList<GatewayConfig> Gateways)
{
    /// <summary>An empty configuration.</summary>
    public static AcquisitionConfiguration Empty { get; } = new([]);

    /// <summary>Every bus with its gateway.</summary>
    public IEnumerable<(GatewayConfig Gateway, BusConfig Bus)> Buses() =>
        Gateways.SelectMany(g => g.Buses.Select(b => (g, b)));

    /// <summary>Throws when ids repeat or a unit id is used twice on a bus.</summary>
    public void Validate()
    {
        var gateways = new HashSet<int>();
        var meters = new HashSet<int>();
        foreach (var gateway in Gateways)
        {
            if (!gateways.Add(gateway.Id))
            {
                throw new ArgumentException($"Gateway id '{gateway.Id}' appears twice.");
            }

            var buses = new HashSet<int>();
            foreach (var bus in gateway.Buses)
            {
                if (!buses.Add(bus.Id))
                {
                    throw new ArgumentException($"Bus id '{bus.Id}' appears twice on gateway '{gateway.Id}'.");
                }

                bus.Validate();
                foreach (var meter in bus.Meters)
                {
                    if (!meters.Add(meter.Id))
                    {
                        throw new ArgumentException($"Meter id '{meter.Id}' appears twice.");
                    }
                }
            }
        }
    }
}

/// <summary>A communication manager (gateway) on the LAN.</summary>
/// <param name="Id">Stable id: the database key, so that readings, events and commands need no translation.</param>
/// <param name="Host">Host name or IP address.</param>
/// <param name="Framing">Modbus TCP or RTU over TCP.</param>
/// <param name="Buses">Its serial ports, one TCP port each.</param>
public sealed record GatewayConfig(int Id, string Host, GatewayFraming Framing, IReadOnlyList<BusConfig> Buses);

/// <summary>One serial bus (RS485 segment) behind a gateway, reached on its own TCP port.</summary>
/// <param name="Id">Stable id (the database key), unique within the gateway.</param>
/// <param name="Port">The gateway's TCP port for this bus.</param>
/// <param name="Meters">The meters on the bus.</param>
public sealed record BusConfig(int Id, int Port, IReadOnlyList<MeterConfig> Meters)
{
    /// <summary>Baud rate of the serial line (informative: the gateway owns the line; shown on diagnostics).</summary>
    public int BaudRate { get; init; } = 9600;

    /// <summary>How long one attempt waits for an answer (the Modbus client's timeout; a meter may set a shorter one).</summary>
    public TimeSpan ResponseTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Extra attempts of one request after a timeout or transport fault (0x0B answers are not retried: the gateway already waited).</summary>
    public int Retries { get; init; } = 1;

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(Port, nameof(Port));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ResponseTimeout, TimeSpan.Zero, nameof(ResponseTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(Retries, nameof(Retries));
        var units = new HashSet<byte>();
        foreach (var meter in Meters)
        {
            meter.Validate();
            if (!units.Add(meter.UnitId))
            {
                throw new ArgumentException($"Unit id {meter.UnitId} appears twice on bus '{Id}'.");
            }
        }
    }

    /// <summary>True when the connection settings (not the meters) are the same, so the poller can be kept.</summary>
    internal bool SameConnection(BusConfig other) =>
        Id == other.Id && Port == other.Port && BaudRate == other.BaudRate && ResponseTimeout == other.ResponseTimeout && Retries == other.Retries;
}

/// <summary>A meter on a bus and its poll plan.</summary>
/// <param name="Id">Stable id (the database key), unique in the configuration.</param>
/// <param name="UnitId">Modbus unit id (1-247).</param>
/// <param name="Profile">Register map and capabilities.</param>
public sealed record MeterConfig(int Id, byte UnitId, MeterProfile Profile)
{
    /// <summary>
    /// Period of the fast group: the real-time block (status, relays, power, energies, balance), which the drivers
    /// read in one request. Zero polls as fast as the bus allows.
    /// </summary>
    public TimeSpan FastPeriod { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Period of the full read: the fast group plus the prepaid parameter block (0x0400: prices, alarm amounts,
    /// overdraft, total purchased) for profiles that have one. Null or zero: never.
    /// </summary>
    public TimeSpan? FullPeriod { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>
    /// This meter's timeout per attempt when shorter than the bus's <see cref="BusConfig.ResponseTimeout"/> (a longer one
    /// is capped by the bus's, which is the client's); null: the bus's.
    /// </summary>
    public TimeSpan? ResponseTimeout { get; init; }

    /// <summary>This meter's extra attempts after a timeout or transport fault; null: the bus's <see cref="BusConfig.Retries"/>.</summary>
    public int? Retries { get; init; }

    /// <summary>Throws when a value is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfZero(UnitId, nameof(UnitId));
        if (ResponseTimeout is { } timeout)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero, nameof(ResponseTimeout));
        }

        if (Retries is { } retries)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(retries, nameof(Retries));
        }

        ArgumentOutOfRangeException.ThrowIfGreaterThan(UnitId, (byte)247, nameof(UnitId));
        ArgumentOutOfRangeException.ThrowIfLessThan(FastPeriod, TimeSpan.Zero, nameof(FastPeriod));
    }
}
