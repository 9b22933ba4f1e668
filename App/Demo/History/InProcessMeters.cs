using System.Globalization;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;
using Prepaid.App.Kernel.Contracts;
namespace Prepaid.App.Demo.History;

/// <summary>
/// The simulated mall without sockets: each meter's real <see cref="ModbusMeterDriver"/> talks to the simulated
/// meter's register bank in process, so readings are decoded and commands (trip, close, purchase) are written and
/// read back exactly as over a bus, only without the wire. Serves as the billing's <see cref="ICommandSubmitter"/>.
/// </summary>
public sealed class InProcessMeters : ICommandSubmitter
{
    private readonly Dictionary<int, ModbusMeterDriver> _drivers = [];
    private readonly HashSet<int> _silent = [];
    private readonly TimeProvider _clock;

    public InProcessMeters(MallSimulator simulator, TimeProvider clock)
    {
        Simulator = simulator;
        _clock = clock;
        // No pause between confirming reads: the simulated clock stands still while a command runs.
        var options = new MeterDriverOptions { TimeProvider = clock, ConfirmDelay = TimeSpan.Zero };
        foreach (var (_, _, spec) in simulator.Topology.Meters())
        {
            var id = int.Parse(spec.Key, NumberStyles.None, CultureInfo.InvariantCulture);
            _drivers[id] = new ModbusMeterDriver(spec.Settings.Profile, spec.UnitId, new UnitTransport(simulator.Meter(spec.Key), () => _silent.Contains(id)), options);
        }
    }

    public MallSimulator Simulator { get; }

    public IReadOnlyCollection<int> MeterIds => _drivers.Keys;

    /// <summary>A silent meter answers nothing (a broken meter or a cut bus cable): its driver reports the loss as over a
    /// wire, and commands to it fail.</summary>
    public void SetSilent(int meterId, bool silent)
    {
        if (silent)
        {
            _silent.Add(meterId);
        }
        else
        {
            _silent.Remove(meterId);
        }
    }

    /// <summary>The simulated meter of a database meter id.</summary>
    public SimulatedMeter Meter(int meterId) => Simulator.Meter(meterId.ToString(CultureInfo.InvariantCulture));

    /// <summary>Reads every meter at the clock's time, through the drivers.</summary>
    public async Task<List<AcquiredReading>> ReadAllAsync(CancellationToken cancellationToken)
    {
        var readings = new List<AcquiredReading>(_drivers.Count);
        foreach (var (id, driver) in _drivers)
        {
            readings.Add(new AcquiredReading(id, await driver.ReadAsync(cancellationToken)));
        }

        return readings;
    }

    public Func<AcquisitionCommand, Task<CommandResult>>? Submit => ExecuteAsync;

    private async Task<CommandResult> ExecuteAsync(AcquisitionCommand command)
    {
        var at = _clock.GetUtcNow();
        if (!_drivers.TryGetValue(command.MeterId, out var driver))
        {
            return new CommandResult(command, CommandResultStatus.Refused, $"Meter {command.MeterId} is not simulated.", 0, at, null, at, null);
        }

        if (command.Request is ReadStateCommand)
        {
            var reading = await driver.ReadAsync(CancellationToken.None);
            return new CommandResult(command, reading.IsGood ? CommandResultStatus.Confirmed : CommandResultStatus.Failed, reading.IsGood ? "Read." : reading.Error ?? "No answer.",
                1, at, at, at, null);
        }

        var outcome = await driver.ExecuteAsync(command.Request, CancellationToken.None);
        var status = outcome.Status switch
        {
            CommandStatus.Confirmed => CommandResultStatus.Confirmed,
            CommandStatus.Refused or CommandStatus.Unsupported => CommandResultStatus.Refused,
            _ => CommandResultStatus.Failed,
        };
        return new CommandResult(command, status, outcome.Detail, 1, at, at, at, outcome);
    }

    /// <summary>FC03 and FC16 straight into one simulated meter's bank, with the same exception handling as a client.</summary>
    private sealed class UnitTransport(SimulatedMeter meter, Func<bool> silent) : IModbusRegisterTransport
    {
        public async Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken)
        {
            ThrowIfSilent(unitId);
            var request = ModbusRequests.ReadHoldingRegisters(address, count);
            var response = await meter.HandleAsync(request, cancellationToken);
            return ModbusResponses.ReadRegisters(unitId, request, response);
        }

        public async Task WriteMultipleRegistersAsync(byte unitId, ushort address, ushort[] values, CancellationToken cancellationToken)
        {
            ThrowIfSilent(unitId);
            var request = ModbusRequests.WriteMultipleRegisters(address, values);
            var response = await meter.HandleAsync(request, cancellationToken);
            ModbusResponses.CheckWrite(unitId, request, response);
        }

        private void ThrowIfSilent(byte unitId)
        {
            if (silent())
            {
                throw new ModbusCommunicationException(string.Create(CultureInfo.InvariantCulture, $"No answer from unit {unitId} (timeout)."));
            }
        }
    }
}
