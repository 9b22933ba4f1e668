using System.Buffers.Binary;
using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Prepaid.Acquisition.Logging;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Domain.Model;

namespace Prepaid.Acquisition.Simulator;

/// <summary>
/// The simulated mall: one <see cref="ModbusServer"/> per bus (Modbus TCP or RTU over TCP after its gateway),
/// a <see cref="SimulatedMeter"/> per meter, demand from <see cref="LoadModel"/>, optional wire-time emulation per
/// bus and fault injection per meter and gateway.
/// </summary>
public sealed class MallSimulator : IAsyncDisposable
{
    private static readonly byte[] GarbageBytes = [0xFF, 0x00, 0x13, 0x37, 0xA5];
    private readonly Dictionary<string, (SimulatedMeterSpec Spec, SimulatedMeter Meter)> _meters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SimulatedFault> _meterFaults = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _gatewaysDown = new(StringComparer.Ordinal);
    private readonly List<SimulatedBus> _buses = [];
    private int _disposed;
    private readonly LoadModel _loads;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;

    /// <summary>
    /// Creates the meters of <paramref name="topology"/>; <see cref="Start"/> opens the ports. <paramref name="loggerFactory"/>
    /// gives the loggers of the simulator and its bus servers (none when null).
    /// </summary>
    public MallSimulator(SimulationTopology topology, MallSimulatorOptions? options = null, ILoggerFactory? loggerFactory = null)
    {
        Topology = topology ?? throw new ArgumentNullException(nameof(topology));
        Options = options ?? new MallSimulatorOptions();
        _loggerFactory = loggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _logger = GuardedLogger.For<MallSimulator>(_loggerFactory);
        _loads = new LoadModel(Options.Seed, Options.TimeZone);
        foreach (var (_, _, spec) in topology.Meters())
        {
            var meter = SimulatedMeterFactory.Create(spec.Settings, Options.TimeProvider);
            if (!_meters.TryAdd(spec.Key, (spec, meter)))
            {
                throw new ArgumentException($"Meter key '{spec.Key}' appears twice.", nameof(topology));
            }

            if (Options.Memory is { } memory)
            {
                var key = spec.Key;
                meter.Remember = image => memory.Save(key, image);
            }
        }
    }

    /// <summary>The topology simulated.</summary>
    public SimulationTopology Topology { get; }

    /// <summary>The options.</summary>
    public MallSimulatorOptions Options { get; }

    /// <summary>The running buses (empty before <see cref="Start"/>).</summary>
    public IReadOnlyList<SimulatedBus> Buses => _buses;

    /// <summary>The meter with <paramref name="key"/>.</summary>
    public SimulatedMeter Meter(string key) =>
        _meters.TryGetValue(key, out var m) ? m.Meter : throw new KeyNotFoundException($"No simulated meter '{key}'.");

    /// <summary>Every meter by key.</summary>
    public IEnumerable<KeyValuePair<string, SimulatedMeter>> Meters => _meters.Select(m => KeyValuePair.Create(m.Key, m.Value.Meter));

    /// <summary>Opens one server per bus and sets the demand for the current time.</summary>
    public void Start()
    {
        if (_buses.Count > 0)
        {
            throw new InvalidOperationException("The simulator is already started.");
        }

        UpdateLoads();
        foreach (var gateway in Topology.Gateways)
        {
            foreach (var bus in gateway.Buses)
            {
                try
                {
                    _buses.Add(StartBus(gateway, bus));
                }
                catch (System.Net.Sockets.SocketException ex)
                {
                    // Leave nothing half-open: the caller gets one clear error and no ports held.
                    foreach (var started in _buses)
                    {
                        started.Server.DisposeAsync().AsTask().GetAwaiter().GetResult();
                        started.Line?.Dispose();
                    }

                    _buses.Clear();
                    throw new InvalidOperationException($"Cannot listen for {gateway.Name} / {bus.Name} on port {bus.TcpPort}: {ex.Message}", ex);
                }
            }
        }
    }

    /// <summary>
    /// Sets every meter's demand for the current simulated time. A main incomer gets the sum of the electricity meters on
    /// its supply plus losses; incomers without a supply share what no supplied incomer measures, equally.
    /// </summary>
    public void UpdateLoads()
    {
        var now = Options.TimeProvider.GetUtcNow();
        var incomers = new List<(MeterLoad Load, SimulatedMeter Meter)>();
        foreach (var (spec, meter) in _meters.Values)
        {
            if (spec.Load.Kind == LoadKind.MainIncomer)
            {
                incomers.Add((spec.Load, meter));
            }
            else
            {
                meter.SetDemand(_loads.DemandAt(spec.Load, spec.Key, now));
            }
        }

        if (incomers.Count == 0)
        {
            return;
        }

        var supplied = incomers.Where(i => i.Load.Supply is not null).Select(i => i.Load.Supply!).ToHashSet(StringComparer.Ordinal);
        var demand = _meters.Values.Where(m => m.Spec.Load.Kind != LoadKind.MainIncomer && m.Meter is SimulatedElectricityMeter)
            .GroupBy(m => m.Spec.Load.Supply is { } s && supplied.Contains(s) ? s : string.Empty, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(m => ((SimulatedElectricityMeter)m.Meter).PowerKw), StringComparer.Ordinal);
        foreach (var group in incomers.GroupBy(i => i.Load.Supply ?? string.Empty, StringComparer.Ordinal))
        {
            var share = decimal.Round(demand.GetValueOrDefault(group.Key) * Options.IncomerLossFactor / group.Count(), 3);
            foreach (var (_, meter) in group)
            {
                meter.SetDemand(share);
            }
        }
    }

    /// <summary>Updates the loads every <paramref name="interval"/> of real time until cancelled.</summary>
    public async Task RunAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                UpdateLoads();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping is the normal end of the loop.
        }
    }

    /// <summary>Makes the meter <paramref name="key"/> misbehave (or behave again with <see cref="SimulatedFaultKind.None"/>).</summary>
    public void SetMeterFault(string key, SimulatedFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        if (!_meters.TryGetValue(key, out var meter))
        {
            throw new KeyNotFoundException($"No simulated meter '{key}'.");
        }

        SimulatorLog.MeterFaultSet(_logger, key, meter.Spec.UnitId, fault.Kind, fault.Delay);
        if (fault.Kind == SimulatedFaultKind.None)
        {
            _meterFaults.TryRemove(key, out _);
        }
        else
        {
            _meterFaults[key] = fault;
        }
    }

    /// <summary>
    /// Takes a gateway down (every request on its ports closes the connection, as a gateway rebooting or
    /// unplugged) or brings it back.
    /// </summary>
    public void SetGatewayDown(string gatewayName, bool down)
    {
        if (Topology.Gateways.All(g => g.Name != gatewayName))
        {
            throw new KeyNotFoundException($"No gateway '{gatewayName}'.");
        }

        _gatewaysDown[gatewayName] = down;
        if (!down)
        {
            SimulatorLog.GatewayBroughtBack(_logger, gatewayName);
            return;
        }

        SimulatorLog.GatewayTakenDown(_logger, gatewayName);
        foreach (var bus in _buses.Where(b => b.Gateway.Name == gatewayName))
        {
            bus.Server.DropConnections();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // Take the list first: a fault-injection call enumerating the buses must not meet a list being emptied.
        SimulatedBus[] buses;
        lock (_buses)
        {
            buses = [.. _buses];
            _buses.Clear();
        }

        foreach (var bus in buses)
        {
            await bus.Server.DisposeAsync().ConfigureAwait(false);
            bus.Line?.Dispose();
        }
    }

    private SimulatedBus StartBus(SimulatedGatewaySpec gateway, SimulatedBusSpec spec)
    {
        var framing = gateway.Framing == GatewayFraming.RtuOverTcp ? ModbusFraming.Rtu : ModbusFraming.Tcp;
        var server = new ModbusServer(new ModbusServerOptions { Framing = framing, Address = Options.Address, Port = spec.TcpPort, TimeProvider = Options.WireClock },
            _loggerFactory.CreateLogger<ModbusServer>());
        var line = Options.WireEmulation ? new BusLine(spec.BaudRate, Options.Turnaround, Options.WireClock) : null;
        var keysByUnit = new Dictionary<byte, string>();
        foreach (var meter in spec.Meters)
        {
            var unit = _meters[meter.Key].Meter;
            server.AddUnit(meter.UnitId, line is null ? unit : new BusUnit(this, meter.Key, line, unit));
            keysByUnit[meter.UnitId] = meter.Key;
        }

        server.FaultInjector = (unitId, pdu) => Fault(gateway, framing, keysByUnit.GetValueOrDefault(unitId), pdu);
        try
        {
            server.Start();
        }
        catch
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            line?.Dispose();
            throw;
        }

        SimulatorLog.BusListening(_logger, gateway.Name, spec.Name, server.Port, framing, spec.Meters.Count, spec.BaudRate);
        return new SimulatedBus(gateway, spec, server, line);
    }

    private ModbusFault Fault(SimulatedGatewaySpec gateway, ModbusFraming framing, string? key, ModbusPdu request)
    {
        if (_gatewaysDown.GetValueOrDefault(gateway.Name))
        {
            return ModbusFault.Disconnect;
        }

        if (key is null || !_meterFaults.TryGetValue(key, out var fault))
        {
            return ModbusFault.None;
        }

        return fault.Kind switch
        {
            // A Modbus TCP gateway converts a silent meter into exception 0x0B; a transparent one passes the silence on.
            // With wire emulation the bus unit holds the line for the gateway's timeout first (see BusUnit).
            SimulatedFaultKind.Silent when framing == ModbusFraming.Tcp => Options.WireEmulation ? ModbusFault.None : ModbusFault.GatewayTargetFailed,
            SimulatedFaultKind.Silent => ModbusFault.Silent,
            SimulatedFaultKind.Slow => ModbusFault.Slow(fault.Delay),
            SimulatedFaultKind.CrcError => ModbusFault.CorruptCrc,
            SimulatedFaultKind.Garbage => ModbusFault.GarbageOnly(GarbageBytes),
            SimulatedFaultKind.GatewayTargetFailed => ModbusFault.GatewayTargetFailed,
            SimulatedFaultKind.DropPurchaseAnswer when IsPurchase(request) => ModbusFault.ApplyAndDropAnswer,
            _ => ModbusFault.None,
        };
    }

    private bool IsSilent(string key) => _meterFaults.TryGetValue(key, out var fault) && fault.Kind == SimulatedFaultKind.Silent;

    private static bool IsPurchase(ModbusPdu request) =>
        request.FunctionCode == ModbusFunctionCodes.WriteMultipleRegisters && request.Length >= 3 &&
        BinaryPrimitives.ReadUInt16BigEndian(request.Data) == ElectricityRegisters.Purchase;

    /// <summary>A meter behind an emulated bus line: transactions take wire time; a silent meter behind a Modbus TCP
    /// gateway holds the line for the gateway's timeout, then gets 0x0B.</summary>
    private sealed class BusUnit(MallSimulator simulator, string key, BusLine line, IModbusUnit meter) : IModbusUnit
    {
        public async ValueTask<ModbusPdu> HandleAsync(ModbusPdu request, CancellationToken cancellationToken)
        {
            if (simulator.IsSilent(key))
            {
                await line.HoldAsync(simulator.Options.GatewayTimeout, cancellationToken).ConfigureAwait(false);
                throw new ModbusExceptionResponseException(request.FunctionCode, ModbusExceptionCode.GatewayTargetDeviceFailedToRespond, "silent meter");
            }

            return await line.CarryAsync(meter, request, cancellationToken).ConfigureAwait(false);
        }
    }
}
