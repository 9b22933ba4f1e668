using Prepaid.App.Kernel;
using Prepaid.App.Configuration;
using Prepaid.App.Configuration.Import;
using Prepaid.App;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Prepaid.App.Hosting;
using Prepaid.Domain.Security;

namespace Prepaid.Benchmarks;

/// <summary>
/// <c>bench import --meters N</c>: generates a workbook with N tenant meters (and their tenants, buses and gateways),
/// then times the dry run, the apply and a second, no-op import on a throw-away copy of the demo mall.
/// </summary>
internal static class ImportBenchmark
{
    private const int MetersPerBus = 30, BusesPerGateway = 8;

    public static Command Create()
    {
        var meters = new Option<int>("--meters") { Description = "Meters in the generated workbook (each with its tenant).", DefaultValueFactory = _ => 10_000 };
        var hostile = new Option<bool>("--hostile") { Description = "Instead: the peak memory of a dry run of each hostile workbook (column XFD on 20,000 rows, a 300 MB shared string, 1.2 MB of compressed blank rows), each in a fresh process." };
        var hostileFile = new Option<string?>("--hostile-file") { Description = "Internal: dry-run this file alone on --hostile-database (the fresh-process run).", Hidden = true };
        var hostileDatabase = new Option<string?>("--hostile-database") { Hidden = true };
        var command = new Command("import", "Time the dry run and the apply of a generated configuration workbook with N meters and N tenants.") { meters, hostile, hostileFile, hostileDatabase };
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction(async (result, ct) =>
        {
            var output = result.InvocationConfiguration.Output;
            if (result.GetValue(hostileFile) is { } path)
            {
                return await HostileAloneAsync(path, result.GetValue(hostileDatabase) ?? "", output, ct);
            }

            if (result.GetValue(hostile))
            {
                return await HostileAsync(result.UnmatchedTokens.ToArray(), output, ct);
            }

            var n = result.GetValue(meters);
            if (n is < 1 or > 100_000)
            {
                await output.WriteLineAsync("--meters must be 1 to 100000.");
                return 2;
            }

            return await RunAsync(n, result.UnmatchedTokens.ToArray(), output, ct);
        });
        return command;
    }

    private static async Task<int> RunAsync(int meters, string[] args, TextWriter output, CancellationToken ct)
    {
        await using var database = await BenchDatabase.CreateAsync(args, s => new ConfigurationModule().AddServices(s, new ConfigurationBuilder().Build()), ct);
        var importer = database.Host.Services.GetRequiredService<ConfigurationImporter>();
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.Administrator)], "bench"));

        var watch = Stopwatch.StartNew();
        var file = Generate(meters);
        var generated = watch.Elapsed;
        await output.WriteLineAsync($"Workbook: {meters} meters, {meters} tenants, {Buses(meters)} buses, {Gateways(meters)} gateways, {file.Length / 1024} KiB, written in {generated.TotalSeconds:F1} s");

        async Task<ImportPlan> TimeAsync(string what, Func<Task<ImportPlan>> run)
        {
            file.Position = 0;
            var before = GC.GetTotalAllocatedBytes();
            var start = Stopwatch.GetTimestamp();
            var plan = await run();
            var elapsed = Stopwatch.GetElapsedTime(start);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{what,-22} {elapsed.TotalSeconds,6:F2} s  {plan.Count(ImportRowStatus.New),6} new {plan.Count(ImportRowStatus.Changed),6} changed {plan.Count(ImportRowStatus.Unchanged),6} unchanged {plan.Errors.Count(),4} errors  allocated {(GC.GetTotalAllocatedBytes() - before) / (1024 * 1024)} MiB"));
            return plan;
        }

        var dry = await TimeAsync("dry run", () => importer.DryRunAsync(actor, file, "bench.xlsx", ct));
        var applied = await TimeAsync("apply", () => importer.ApplyAsync(actor, file, "bench.xlsx", null, ct));
        var again = await TimeAsync("re-import (no-op)", () => importer.ApplyAsync(actor, file, "bench.xlsx", null, ct));
        return dry.HasErrors || !applied.Applied || !again.ChangesNothing ? 1 : 0;
    }

    /// <summary>Each hostile workbook (and a valid one for reference) dry-run by a fresh process of this program on a demo database.</summary>
    private static async Task<int> HostileAsync(string[] args, TextWriter output, CancellationToken ct)
    {
        await using var database = await BenchDatabase.CreateAsync(args, null, ct);
        string db;
        await using (var ctx = await database.Factory.CreateDbContextAsync(ct))
        {
            db = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ctx.Database.GetConnectionString()).DataSource;
        }

        var folder = Path.Combine(Path.GetTempPath(), "prepaid-bench-hostile", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            await output.WriteLineAsync("Dry run of each file in a fresh process: peak resident set (VmHWM) of the process, and its growth during the dry run.");
            var files = new (string Name, Func<MemoryStream> Make)[]
            {
                ("valid-1000-meters.xlsx", () => Generate(1000)),
                ("xfd-20000-rows.xlsx", () => HostileWorkbooks.WideRows()),
                ("shared-string-300MB.xlsx", () => HostileWorkbooks.HugeSharedString()),
                ("shared-string-300MB-lying.xlsx", () => HostileWorkbooks.HugeSharedString(lie: true)),
                ("blank-rows.xlsx", () => HostileWorkbooks.BlankRows()),
            };
            var failed = false;
            foreach (var (name, make) in files)
            {
                var path = Path.Combine(folder, name);
                using (var file = make())
                {
                    await File.WriteAllBytesAsync(path, file.ToArray(), ct);
                }

                var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
                if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
                {
                    start.ArgumentList.Add(typeof(ImportBenchmark).Assembly.Location);
                }

                foreach (var argument in new[] { "import", "--hostile-file", path, "--hostile-database", db })
                {
                    start.ArgumentList.Add(argument);
                }

                using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the fresh benchmark process.");
                var stdout = child.StandardOutput.ReadToEndAsync(ct);
                var stderr = child.StandardError.ReadToEndAsync(ct);
                await child.WaitForExitAsync(ct);
                await output.WriteAsync(await stdout);
                if (child.ExitCode != 0)
                {
                    failed = true;
                    await output.WriteLineAsync($"{name}: the fresh-process run failed with exit code {child.ExitCode}: {await stderr}");
                }
            }

            return failed ? 1 : 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> HostileAloneAsync(string path, string databaseFile, TextWriter output, CancellationToken ct)
    {
        await using var database = BenchDatabase.OpenExisting(databaseFile);
        var importer = new ConfigurationImporter(database.Factory, Microsoft.Extensions.Options.Options.Create(new ImportOptions()), new Prepaid.App.Kernel.Contracts.ConfigurationChangeSignal(),
            TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger<ConfigurationImporter>.Instance);
        var actor = new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "bench"), new Claim(ClaimTypes.Role, Roles.Administrator)], "bench"));
        // Warm up the database and the importer on nothing, so that the growth below is the file's.
        await importer.DryRunAsync(actor, new MemoryStream(), "empty.xlsx", ct);
        var before = PeakResidentKiB();
        var start = Stopwatch.GetTimestamp();
        await using var file = File.OpenRead(path);
        var plan = await importer.DryRunAsync(actor, file, Path.GetFileName(path), ct);
        var elapsed = Stopwatch.GetElapsedTime(start);
        var peak = PeakResidentKiB();
        var first = plan.Errors.FirstOrDefault()?.ToString() ?? $"{plan.Rows.Count} rows, no errors";
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(path),-32} {new FileInfo(path).Length / 1024,7} KiB {elapsed.TotalSeconds,6:F2} s  peak {peak / 1024,5} MiB (+{(peak - before) / 1024} MiB)  {(first.Length > 110 ? first[..110] + "..." : first)}"));
        return 0;
    }

    // VmHWM, the peak resident set of this process, from Linux's /proc; elsewhere the runtime's peak working set.
    private static long PeakResidentKiB()
    {
        const string Status = "/proc/self/status";
        var line = File.Exists(Status) ? File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        return line is null ? Process.GetCurrentProcess().PeakWorkingSet64 / 1024 : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static int Buses(int meters) => (meters + MetersPerBus - 1) / MetersPerBus;

    private static int Gateways(int meters) => (Buses(meters) + BusesPerGateway - 1) / BusesPerGateway;

    private static MemoryStream Generate(int meters)
    {
        string Gw(int g) => $"BENCH-GW{g + 1:D4}";
        var gateways = Enumerable.Range(0, Gateways(meters)).Select(g => new Dictionary<string, object?>
        {
            ["Name"] = Gw(g), ["Host"] = $"bench-gw{g + 1:D4}.local", ["Framing"] = "ModbusTcp", ["Shaft"] = $"S{(g % 5) + 1}", ["Enabled"] = "no",
        });
        var buses = Enumerable.Range(0, Buses(meters)).Select(b => new Dictionary<string, object?>
        {
            ["Gateway"] = Gw(b / BusesPerGateway), ["Port"] = (b % BusesPerGateway) + 1, ["TcpPort"] = 4001 + (b % BusesPerGateway),
            ["Name"] = $"{Gw(b / BusesPerGateway)}-COM{(b % BusesPerGateway) + 1}", ["Baud"] = 9600, ["Parity"] = "None", ["TimeoutMs"] = 1000,
        });
        var tenants = Enumerable.Range(0, meters).Select(i => new Dictionary<string, object?>
        {
            ["Unit"] = $"B-{i + 1:D5}", ["Name"] = $"商户{i + 1}", ["NameEn"] = $"Shop {i + 1}", ["AreaM2"] = 40.5m + (i % 100), ["Business"] = "Retail",
            ["Contact"] = "王五", ["Mobile"] = $"139{i:D8}", ["MobileAlt"] = null, ["Account"] = $"B{i + 1:D6}",
        });
        var meterRows = Enumerable.Range(0, meters).Select(i => new Dictionary<string, object?>
        {
            ["Gateway"] = Gw(i / MetersPerBus / BusesPerGateway), ["Port"] = ((i / MetersPerBus) % BusesPerGateway) + 1, ["Address"] = (i % MetersPerBus) + 1,
            ["Serial"] = $"BENCH{i + 1:D8}", ["Name"] = $"B-{i + 1:D5}-E", ["Kind"] = "Electricity", ["Role"] = "Tenant", ["Profile"] = "PrepaidSinglePhase",
            ["Billing"] = "Meter", ["CT"] = 1, ["PT"] = 1, ["PowerLimitKw"] = 10m, ["PowerLimitSeconds"] = 60, ["Tariff"] = "E-TOU", ["Account"] = $"B{i + 1:D6}",
            ["Shaft"] = $"S{(i % 5) + 1}", ["Transformer"] = null, ["PublicLoad"] = null, ["Location"] = "L1",
        });
        var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object> { ["Gateways"] = gateways, ["Buses"] = buses, ["Tenants"] = tenants, ["Meters"] = meterRows });
        return stream;
    }
}
