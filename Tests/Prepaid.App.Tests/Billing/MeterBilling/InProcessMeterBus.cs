using System.Collections.Concurrent;
using Prepaid.Acquisition.Drivers;
using Prepaid.Acquisition.Modbus;
using Prepaid.Acquisition.Polling;
using Prepaid.Acquisition.Simulator;

using Prepaid.App.Kernel.Contracts;

namespace Prepaid.App.Tests.Billing.MeterBilling;

/// <summary>Hands the platform's commands to an <see cref="InProcessMeterBus"/>, as the acquisition engine would to the buses.</summary>
internal sealed class BusSubmitter(InProcessMeterBus bus) : ICommandSubmitter
{
    public Func<AcquisitionCommand, Task<CommandResult>>? Submit => bus.SubmitAsync;
}

/// <summary>A process crash at a chosen point: nothing after it runs (the test starts a new "process").</summary>
internal sealed class SimulatedCrashException(string where) : Exception($"Simulated crash: {where}");

/// <summary>Which faults the transport injects, each a probability per call.</summary>
internal sealed record FaultRates(
    double ReadTimeout = 0, double CrashOnRead = 0, double RequestLost = 0, double AnswerLost = 0, double DuplicateWrite = 0,
    double CrashBeforeWrite = 0, double CrashAfterWrite = 0, double CrashAtReadBack = 0);

/// <summary>Counts of what the transport did, for the report.</summary>
internal sealed class FaultCounts
{
    public int ReadTimeouts;
    public int RequestsLost;
    public int AnswersLost;
    public int DuplicateWrites;
    public int Crashes;
}

/// <summary>
/// The pollers' command path without sockets: each simulated meter behind a transport that injects faults, and one
/// command at a time per meter (as a bus does), driven by the real <see cref="ModbusMeterDriver"/>.
/// </summary>
internal sealed class InProcessMeterBus(TimeProvider clock, Random random, FaultCounts counts)
{
    private readonly ConcurrentDictionary<int, (SimulatedMeter Meter, SemaphoreSlim Line)> _meters = new();

    public FaultRates Faults { get; set; } = new();

    public void Add(int meterId, SimulatedMeter meter) => _meters[meterId] = (meter, new SemaphoreSlim(1, 1));

    public async Task<CommandResult> SubmitAsync(AcquisitionCommand command)
    {
        var (meter, line) = _meters[command.MeterId];
        var started = clock.GetUtcNow();
        await line.WaitAsync();
        try
        {
            var driver = new ModbusMeterDriver(meter.Settings.Profile, 1, new FaultyTransport(meter, this),
                new MeterDriverOptions { ConfirmDelay = TimeSpan.Zero, TimeProvider = clock });
            CommandOutcome outcome;
            try
            {
                outcome = await driver.ExecuteAsync(command.Request, CancellationToken.None);
            }
            catch (Exception ex) when (ex is not SimulatedCrashException)
            {
                // As the bus poller: an exception under a command is a failed attempt, never the end of the bus.
                outcome = new CommandOutcome(CommandStatus.NotConfirmed, $"The command stopped: {ex.Message}");
            }

            var status = outcome.Status switch
            {
                CommandStatus.Confirmed => CommandResultStatus.Confirmed,
                CommandStatus.Refused or CommandStatus.Unsupported => CommandResultStatus.Refused,
                _ => CommandResultStatus.Failed,
            };
            return new CommandResult(command, status, outcome.Detail, 1, started, started, clock.GetUtcNow(), outcome);
        }
        finally
        {
            line.Release();
        }
    }

    private bool Roll(double p)
    {
        lock (random)
        {
            return p > 0 && random.NextDouble() < p;
        }
    }

    private sealed class FaultyTransport(SimulatedMeter meter, InProcessMeterBus bus) : IModbusRegisterTransport
    {
        private bool _wrote;

        public async Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, int count, CancellationToken cancellationToken)
        {
            var f = bus.Faults;
            if (bus.Roll(_wrote ? f.CrashAtReadBack : f.CrashOnRead))
            {
                Interlocked.Increment(ref bus._counts.Crashes);
                throw new SimulatedCrashException(_wrote ? "between write and read-back" : "before the write");
            }

            if (bus.Roll(f.ReadTimeout))
            {
                Interlocked.Increment(ref bus._counts.ReadTimeouts);
                throw new ModbusTimeoutException("Simulated read timeout.");
            }

            var request = ModbusRequests.ReadHoldingRegisters(address, count);
            var response = await meter.HandleAsync(request, cancellationToken);
            return ModbusResponses.ReadRegisters(unitId, request, response);
        }

        public async Task WriteMultipleRegistersAsync(byte unitId, ushort address, ushort[] values, CancellationToken cancellationToken)
        {
            var f = bus.Faults;
            if (bus.Roll(f.CrashBeforeWrite))
            {
                Interlocked.Increment(ref bus._counts.Crashes);
                throw new SimulatedCrashException("intent persisted, write not sent");
            }

            if (bus.Roll(f.RequestLost))
            {
                Interlocked.Increment(ref bus._counts.RequestsLost);
                throw new ModbusTimeoutException("Simulated lost request.");
            }

            var request = ModbusRequests.WriteMultipleRegisters(address, values);
            var response = await meter.HandleAsync(request, cancellationToken);
            _wrote = true;
            if (bus.Roll(f.DuplicateWrite))
            {
                Interlocked.Increment(ref bus._counts.DuplicateWrites);
                await meter.HandleAsync(request, cancellationToken);
            }

            if (bus.Roll(f.CrashAfterWrite))
            {
                Interlocked.Increment(ref bus._counts.Crashes);
                throw new SimulatedCrashException("write applied, answer not yet read");
            }

            if (bus.Roll(f.AnswerLost))
            {
                Interlocked.Increment(ref bus._counts.AnswersLost);
                throw new ModbusTimeoutException("Simulated lost answer (the meter applied the write).");
            }

            ModbusResponses.CheckWrite(unitId, request, response);
        }
    }

    private readonly FaultCounts _counts = counts;
}
