using System.Text.Json;
using System.Text.Json.Serialization;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Simulator;
using Prepaid.Domain.Model;

namespace Prepaid.App.Simulation;

/// <summary>One meter of a topology file; omitted fields take the simulator's defaults.</summary>
public sealed record TopologyFileMeter(
    int UnitId,
    MeterProfile Profile,
    bool InternalControl = true,
    int CtRatio = 1,
    decimal Balance = 0m,
    decimal? PowerLimitKw = null,
    LoadKind Load = LoadKind.Tenant,
    BusinessType? Business = null,
    PublicLoadType? PublicLoad = null,
    decimal RatedKw = 0m,
    MeterPrices? Prices = null,
    string? Key = null);

/// <summary>One RS485 bus: the TCP port its gateway exposes it at, its speed and its meters.</summary>
public sealed record TopologyFileBus(string Name, int TcpPort, int BaudRate, IReadOnlyList<TopologyFileMeter> Meters);

/// <summary>One gateway and its buses.</summary>
public sealed record TopologyFileGateway(string Name, GatewayFraming Framing, IReadOnlyList<TopologyFileBus> Buses);

/// <summary>
/// A simulator topology as JSON, for running <c>simulate --topology FILE</c> without a database (a test bench, a
/// gateway vendor's demo). <c>simulate --write-topology FILE</c> writes the database's topology in this form.
/// </summary>
public sealed record SimulationTopologyFile(string TimeZone, IReadOnlyList<TopologyFileGateway> Gateways)
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Reads and checks a file; every problem is listed with where it is.</summary>
    /// <exception cref="InvalidDataException">The file is not valid JSON of this shape, or its content is inconsistent.</exception>
    public static async Task<SimulationTopology> ReadAsync(string path, CancellationToken cancellationToken)
    {
        SimulationTopologyFile? file;
        try
        {
            await using var stream = File.OpenRead(path);
            file = await JsonSerializer.DeserializeAsync<SimulationTopologyFile>(stream, Json, cancellationToken);
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}: not a topology file ({ex.Path}, line {ex.LineNumber + 1}): {ex.Message}", ex);
        }

        if (file?.Gateways is null)
        {
            throw new InvalidDataException($"{path}: the file has no \"gateways\".");
        }

        var problems = file.Check();
        if (problems.Count > 0)
        {
            throw new InvalidDataException($"{path}:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        }

        return file.ToTopology();
    }

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.Create(path);
        await JsonSerializer.SerializeAsync(stream, this, Json, cancellationToken);
    }

    /// <summary>The file form of a loaded topology (prices kept, TOU schedules left to the simulator's defaults).</summary>
    public static SimulationTopologyFile From(SimulationTopology topology, string timeZone) => new(timeZone,
        [.. topology.Gateways.Select(g => new TopologyFileGateway(g.Name, g.Framing,
            [.. g.Buses.Select(b => new TopologyFileBus(b.Name, b.TcpPort, b.BaudRate,
                [.. b.Meters.Select(m => new TopologyFileMeter(
                    m.UnitId, m.Settings.Profile, m.Settings.InternalControl, m.Settings.CtRatio, m.Settings.InitialBalance,
                    m.Settings.PowerLimitKw, m.Load.Kind, m.Load.Business, m.Load.PublicLoad, m.Load.RatedDemand, m.Settings.Prices, m.Key))]))]))]);

    public IReadOnlyList<string> Check()
    {
        var problems = new List<string>();
        var ports = new HashSet<int>();
        foreach (var gateway in Gateways)
        {
            foreach (var bus in gateway.Buses ?? [])
            {
                var where = $"gateway '{gateway.Name}', bus '{bus.Name}'";
                if (bus.TcpPort is < 0 or > 65535)
                {
                    problems.Add($"{where}: tcpPort {bus.TcpPort} is not a port (0 to 65535).");
                }
                else if (bus.TcpPort != 0 && !ports.Add(bus.TcpPort))
                {
                    problems.Add($"{where}: tcpPort {bus.TcpPort} is used by another bus.");
                }

                if (bus.BaudRate is < 1200 or > 115200)
                {
                    problems.Add($"{where}: baudRate {bus.BaudRate} is outside 1200 to 115200.");
                }

                var units = new HashSet<int>();
                foreach (var meter in bus.Meters ?? [])
                {
                    if (meter.UnitId is < 1 or > 247)
                    {
                        problems.Add($"{where}: unitId {meter.UnitId} is outside 1 to 247.");
                    }
                    else if (!units.Add(meter.UnitId))
                    {
                        problems.Add($"{where}: unitId {meter.UnitId} appears twice.");
                    }

                    if (meter.CtRatio < 1 || meter.RatedKw < 0)
                    {
                        problems.Add($"{where}, unit {meter.UnitId}: ctRatio must be at least 1 and ratedKw not negative.");
                    }
                }
            }
        }

        try
        {
            TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException or ArgumentException)
        {
            problems.Add($"timeZone '{TimeZone}' is not a known time zone.");
        }

        return problems;
    }

    private SimulationTopology ToTopology()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(TimeZone);
        return new SimulationTopology([.. Gateways.Select(g => new SimulatedGatewaySpec(g.Name, "127.0.0.1", g.Framing,
            [.. g.Buses.Select(b => new SimulatedBusSpec(b.Name, b.TcpPort, b.BaudRate,
                [.. b.Meters.Select(m => new SimulatedMeterSpec(
                    m.Key ?? $"{g.Name}/{b.Name}/{m.UnitId}",
                    (byte)m.UnitId,
                    new SimulatedMeterSettings
                    {
                        Profile = m.Profile,
                        InternalControl = m.InternalControl,
                        CtRatio = m.CtRatio,
                        InitialBalance = m.Balance,
                        PowerLimitKw = m.PowerLimitKw,
                        Prices = m.Prices ?? new SimulatedMeterSettings { Profile = m.Profile }.Prices,
                        TimeZone = zone,
                    },
                    new MeterLoad(m.Load, m.Business, m.PublicLoad, m.RatedKw)))]))]))]);
    }
}
