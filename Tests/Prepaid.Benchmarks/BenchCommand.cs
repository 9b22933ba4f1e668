using Prepaid.App.Hosting;
using Prepaid.App;
using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Demo;
using Prepaid.App.Meters;
using Prepaid.App.Persistence;

namespace Prepaid.Benchmarks;

/// <summary>The benchmarks' command line (<c>meters-list --meters N</c>, <c>reports</c>, ...): measurements anyone can rerun.</summary>
public static class BenchCommand
{
    /// <param name="args">The process arguments: a benchmark's name and its options.</param>
    /// <param name="output">Where the figures go; the console when null.</param>
    public static Task<int> InvokeAsync(string[] args, TextWriter? output = null) =>
        Create().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output ?? Console.Out });

    public static RootCommand Create()
    {
        var bench = new RootCommand("Prepaid benchmarks: each runs on a temporary database or on loopback and prints its figures.");
        var meters = new Option<int>("--meters") { Description = "Number of meters to grow the demo mall to.", DefaultValueFactory = _ => 10_000 };
        var runs = new Option<int>("--runs") { Description = "Timed runs per query.", DefaultValueFactory = _ => 20 };
        var list = new Command("meters-list", "Time the meters list's paging, sorting, filtering and search queries.") { meters, runs };
        list.TreatUnmatchedTokensAsErrors = false;
        list.SetAction((result, ct) => RunMetersListAsync(
            result.GetValue(meters), result.GetValue(runs), result.UnmatchedTokens.ToArray(), result.InvocationConfiguration.Output, ct));
        bench.Subcommands.Add(list);

        var busMeters = new Option<int>("--meters") { Description = "Meters on the bus (1 to 247).", DefaultValueFactory = _ => 30 };
        var baud = new Option<int>("--baud") { Description = "Bus speed.", DefaultValueFactory = _ => 9600 };
        var cycles = new Option<int>("--cycles") { Description = "Timed polling cycles.", DefaultValueFactory = _ => 5 };
        var rtu = new Option<bool>("--rtu") { Description = "RTU over TCP instead of Modbus TCP." };
        var bus = new Command("bus", "Poll one simulated bus with wire-time emulation and compare each cycle with the theoretical wire time.")
        {
            busMeters, baud, cycles, rtu,
        };
        bus.SetAction(async (result, ct) =>
        {
            var (m, b, c) = (result.GetValue(busMeters), result.GetValue(baud), result.GetValue(cycles));
            var output = result.InvocationConfiguration.Output;
            if (m is < 1 or > 247 || b is < 1200 or > 115200 || c < 1)
            {
                await output.WriteLineAsync("--meters must be 1 to 247, --baud 1200 to 115200, --cycles at least 1.");
                return 2;
            }

            await BusBenchmark.RunAsync(m, b, c, result.GetValue(rtu) ? Domain.Model.GatewayFraming.RtuOverTcp : Domain.Model.GatewayFraming.ModbusTcp, output, ct);
            return 0;
        });
        bench.Subcommands.Add(bus);

        var seconds = new Option<int>("--seconds") { Description = "Duration of each run.", DefaultValueFactory = _ => 3 };
        var modbus = new Command("modbus", "Requests per second of our Modbus client against our server on loopback (FC03, 48 registers).") { seconds };
        modbus.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var duration = TimeSpan.FromSeconds(Math.Clamp(result.GetValue(seconds), 1, 600));
            foreach (var (framing, connections) in new[] { (Acquisition.Modbus.ModbusFraming.Tcp, 1), (Acquisition.Modbus.ModbusFraming.Rtu, 1), (Acquisition.Modbus.ModbusFraming.Tcp, 4) })
            {
                var run = await ModbusLoopbackBenchmark.RunAsync(framing, connections, duration, 48, ct);
                await output.WriteLineAsync(run.ToString());
            }

            return 0;
        });
        bench.Subcommands.Add(modbus);

        var acqMeters = new Option<int>("--meters") { Description = "Simulated meters.", DefaultValueFactory = _ => 2000 };
        var perBus = new Option<int>("--meters-per-bus") { Description = "Meters on each simulated bus.", DefaultValueFactory = _ => 30 };
        var period = new Option<int>("--period-seconds") { Description = "Poll period per meter; 0 polls as fast as possible.", DefaultValueFactory = _ => 0 };
        var acqSeconds = new Option<int>("--seconds") { Description = "Duration of the run.", DefaultValueFactory = _ => 10 };
        var acqBaud = new Option<int?>("--wire-baud") { Description = "Emulate the wire time at this baud rate (bus-bound figures)." };
        var acquisition = new Command("pollers", "The bus pollers alone against the simulator on loopback: meter reads per second, read latency, CPU.")
        {
            acqMeters, perBus, period, acqSeconds, acqBaud,
        };
        acquisition.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var (m, b, p, d) = (result.GetValue(acqMeters), result.GetValue(perBus), result.GetValue(period), result.GetValue(acqSeconds));
            if (m < 1 || b is < 1 or > 247 || p < 0 || d < 1)
            {
                await output.WriteLineAsync("--meters and --seconds must be at least 1, --meters-per-bus 1 to 247, --period-seconds not negative.");
                return 2;
            }

            var baudRate = result.GetValue(acqBaud);
            var run = await AcquisitionLoopbackBenchmark.RunAsync(
                m, b, p == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(p), TimeSpan.FromSeconds(d), baudRate is not null, baudRate ?? 9600, ct);
            await output.WriteLineAsync(run.ToString());
            return 0;
        });
        bench.Subcommands.Add(acquisition);

        var pipeMeters = new Option<int>("--meters") { Description = "Meters (the demo mall grown to this size).", DefaultValueFactory = _ => 2000 };
        var pipePeriod = new Option<int>("--period-seconds") { Description = "Poll period per meter; 0 polls as fast as possible.", DefaultValueFactory = _ => 0 };
        var pipeSeconds = new Option<int>("--seconds") { Description = "Measured duration.", DefaultValueFactory = _ => 20 };
        var pipeAlarms = new Option<bool>("--alarms") { Description = "Run the alarm engine and its sources beside the pipeline." };
        var pipeline = new Command("acquisition", "The full pipeline (poll, process, persist, notify) on the simulator: readings per second, latency read-to-notifier, CPU, peak memory.")
        {
            pipeMeters, pipePeriod, pipeSeconds, pipeAlarms,
        };
        pipeline.TreatUnmatchedTokensAsErrors = false;
        pipeline.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            var (m, p, d) = (result.GetValue(pipeMeters), result.GetValue(pipePeriod), result.GetValue(pipeSeconds));
            if (m < 1 || m > 100_000 || p < 0 || d < 1)
            {
                await output.WriteLineAsync("--meters must be 1 to 100000, --period-seconds not negative, --seconds at least 1.");
                return 2;
            }

            return await PipelineBenchmark.RunAsync(m, TimeSpan.FromSeconds(p), TimeSpan.FromSeconds(d), result.UnmatchedTokens.ToArray(), output, ct, result.GetValue(pipeAlarms));
        });
        bench.Subcommands.Add(pipeline);
        bench.Subcommands.Add(ImportBenchmark.Create());
        bench.Subcommands.Add(CrashLoop.CrashLoopBenchmark.Create());

        var reportMeters = new Option<int>("--meters") { Description = "Meters to grow the demo mall to for the second run.", DefaultValueFactory = _ => 10_000 };
        var reportDatabase = new Option<string?>("--report-database") { Description = "Internal: measure the report alone on this benchmark database (the fresh-process run).", Hidden = true };
        var reportMonth = new Option<string?>("--report-month") { Description = "Internal: the month (yyyy-MM) for --report-database.", Hidden = true };
        var reports = new Command("reports", "Time the monthly energy and money report (PDF and XLSX) for the demo mall and for N meters, with a month of data; peak memory.")
        {
            reportMeters,
            reportDatabase,
            reportMonth,
        };
        reports.TreatUnmatchedTokensAsErrors = false;
        reports.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(reportDatabase) is { } file)
            {
                await using var existing = BenchDatabase.OpenExisting(file);
                return await new ReportBenchmark(existing.Factory, output).RunAloneAsync(result.GetValue(reportMonth) ?? "", ct);
            }

            var m = result.GetValue(reportMeters);
            if (m is < 1 or > 100_000)
            {
                await output.WriteLineAsync("--meters must be 1 to 100000.");
                return 2;
            }

            await using var database = await BenchDatabase.CreateAsync(result.UnmatchedTokens.ToArray(), null, ct);
            await new ReportBenchmark(database.Factory, output).RunAsync(m, ct);
            return 0;
        });
        bench.Subcommands.Add(reports);
        return bench;
    }

    private static async Task<int> RunMetersListAsync(int meters, int runs, string[] args, TextWriter output, CancellationToken cancellationToken)
    {
        if (meters < 1 || runs < 1)
        {
            await output.WriteLineAsync("--meters and --runs must be at least 1.");
            return 2;
        }

        await using var database = await BenchDatabase.CreateAsync(args, null, cancellationToken);
        await new MeterListBenchmark(database.Factory, output).RunAsync(meters, runs, cancellationToken);
        return 0;
    }
}
