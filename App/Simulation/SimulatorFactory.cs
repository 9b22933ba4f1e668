using System.Net;
using Prepaid.Acquisition.Simulator;

namespace Prepaid.App.Simulation;

/// <summary>Builds a started <see cref="MallSimulator"/> from options and a topology, and describes its ports.</summary>
public static class SimulatorFactory
{
    /// <summary>
    /// Creates and starts the simulator; simulated time runs <see cref="SimulationOptions.TimeScale"/> times real time.
    /// <paramref name="loggerFactory"/> receives the simulator's and its bus servers' log (none when null);
    /// <paramref name="memory"/> keeps the prepaid meters' purchases across a crash (none when null).
    /// </summary>
    public static MallSimulator Start(SimulationTopology topology, SimulationOptions options, TimeProvider clock, ILoggerFactory? loggerFactory = null,
        IMeterMemory? memory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        if (options.Validate() is { } problem)
        {
            throw new InvalidOperationException(problem);
        }

        var time = new ScaledTimeProvider(options.StartAt ?? clock.GetUtcNow(), options.TimeScale, clock);
        var simulator = new MallSimulator(topology, new MallSimulatorOptions
        {
            TimeProvider = time,
            Seed = options.Seed,
            WireEmulation = options.WireEmulation,
            Turnaround = TimeSpan.FromMilliseconds(options.TurnaroundMs),
            GatewayTimeout = TimeSpan.FromMilliseconds(options.GatewayTimeoutMs),
            Address = IPAddress.Parse(options.BindAddress),
            Memory = memory,
        }, loggerFactory);
        simulator.Start();
        return simulator;
    }

    /// <summary>One line per gateway: its framing and bus ports with meter counts.</summary>
    public static IEnumerable<string> Describe(MallSimulator simulator)
    {
        ArgumentNullException.ThrowIfNull(simulator);
        return simulator.Buses.GroupBy(b => b.Gateway).Select(g =>
            $"{g.Key.Name} ({g.Key.Framing}): " + string.Join(", ", g.Select(b => $"{b.Spec.Name} port {b.Port} ({b.Spec.Meters.Count} meters, {b.Spec.BaudRate} baud)")));
    }
}
