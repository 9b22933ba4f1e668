using Prepaid.App.Reports;
using Prepaid.App;
using System.Diagnostics;
using System.Globalization;
using System.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Reports.Sources;
using Prepaid.Domain.Model;

using Prepaid.App.Persistence.Entities;
namespace Prepaid.Benchmarks;

/// <summary>
/// <c>reports --meters N</c>: times the monthly energy and money report (PDF and XLSX, Chinese) on the demo
/// mall and on the mall grown to N meters, each with a month of daily freezes and ledger entries (a charge a day
/// per account and two recharges), and samples the process's working set while the report is made.
/// </summary>
internal sealed class ReportBenchmark(IDbContextFactory<PrepaidDb> factory, TextWriter output)
{
    private const int MetersPerBus = 30;

    public async Task RunAsync(int targetMeters, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "prepaid-bench-reports", Guid.NewGuid().ToString("N"));
        try
        {
            var store = new ReportStore(factory, Options.Create(new ReportsOptions { Directory = folder }), Options.Create(new DatabaseOptions()));
            IReportSource[] sources = [new EnergyAndMoneyReportSource(factory)];
            var generator = new ReportGenerator(factory, sources, store, TimeProvider.System, NullLogger<ReportGenerator>.Instance);

            TimeZoneInfo zone;
            await using (var db = await factory.CreateDbContextAsync(cancellationToken))
            {
                zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
            }

            var today = SiteTime.Today(DateTimeOffset.UtcNow, zone);
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
            var month = ReportPeriod.Month(first.Year, first.Month);

            var fill = Stopwatch.StartNew();
            var (freezes, entries) = await FillMonthAsync(month, zone, cancellationToken);
            await output.WriteLineAsync($"Demo mall: {freezes} freezes and {entries} ledger entries added for {month} in {fill.Elapsed.TotalSeconds:F1} s.");
            await MeasureAsync("demo mall", generator, store, month, cancellationToken);
            await BreakdownAsync(generator, month, cancellationToken);

            fill.Restart();
            var added = await GrowAsync(targetMeters, cancellationToken);
            (freezes, entries) = await FillMonthAsync(month, zone, cancellationToken);
            await output.WriteLineAsync($"Grown by {added} meters (one shop and account each); {freezes} freezes and {entries} ledger entries added in {fill.Elapsed.TotalSeconds:F1} s.");
            await MeasureAsync($"{targetMeters} meters", generator, store, month, cancellationToken);
            await BreakdownAsync(generator, month, cancellationToken);
            await MeasureInFreshProcessAsync(month, cancellationToken);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    /// <summary>
    /// The same report made by a new process of this program on this database, so that its peak is the report's
    /// plus what a process needs to start, without the memory the inserts above leave behind in this one.
    /// </summary>
    private async Task MeasureInFreshProcessAsync(ReportPeriod month, CancellationToken cancellationToken)
    {
        string file;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        }

        var start = new ProcessStartInfo(Environment.ProcessPath ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(ReportBenchmark).Assembly.Location);
        }

        foreach (var argument in new[] { "reports", "--report-database", file, "--report-month", month.Start.ToString("yyyy-MM", CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }

        using var child = Process.Start(start) ?? throw new InvalidOperationException("Could not start the fresh benchmark process.");
        var stdout = child.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = child.StandardError.ReadToEndAsync(cancellationToken);
        await child.WaitForExitAsync(cancellationToken);
        await output.WriteAsync(await stdout);
        if (child.ExitCode != 0)
        {
            await output.WriteLineAsync($"The fresh-process run failed with exit code {child.ExitCode}: {await stderr}");
        }
    }

    /// <summary>The fresh-process run: the report for <paramref name="monthText"/> (yyyy-MM) on a database already filled.</summary>
    public async Task<int> RunAloneAsync(string monthText, CancellationToken cancellationToken)
    {
        if (!DateOnly.TryParseExact(monthText + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
        {
            await output.WriteLineAsync("--report-month must be yyyy-MM.");
            return 2;
        }

        var folder = Path.Combine(Path.GetTempPath(), "prepaid-bench-reports", Guid.NewGuid().ToString("N"));
        try
        {
            var store = new ReportStore(factory, Options.Create(new ReportsOptions { Directory = folder }), Options.Create(new DatabaseOptions()));
            var generator = new ReportGenerator(factory, [new EnergyAndMoneyReportSource(factory)], store, TimeProvider.System, NullLogger<ReportGenerator>.Instance);
            await MeasureAsync("fresh process", generator, store, ReportPeriod.Month(first.Year, first.Month), cancellationToken);
            await output.WriteLineAsync($"  fresh process: maximum resident set {MaximumResidentMiB()} (what /usr/bin/time reports for this process alone).");
            return 0;
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    // VmHWM, the peak resident set of this process, from Linux's /proc; elsewhere the runtime's peak working set.
    private static string MaximumResidentMiB()
    {
        const string Status = "/proc/self/status";
        var line = File.Exists(Status) ? File.ReadLines(Status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal)) : null;
        var kib = line is null ? Process.GetCurrentProcess().PeakWorkingSet64 / 1024 : long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture, $"{kib / 1024.0:F0} MiB");
    }

    private async Task MeasureAsync(string label, ReportGenerator generator, ReportStore store, ReportPeriod month, CancellationToken cancellationToken)
    {
        int meters;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            meters = await db.Meters.CountAsync(cancellationToken);
        }

        // Aggressive: the memory the fill just used goes back to the system, so "before" is what the host and its
        // data hold and the peak is what generating the report adds to that.
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var gen0Before = GC.CollectionCount(0);
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var before = process.WorkingSet64;
        var heapBefore = GC.GetTotalMemory(forceFullCollection: false);
        var committedBefore = GC.GetGCMemoryInfo().TotalCommittedBytes;
        long peak = before;
        long heapPeak = heapBefore;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            using var p = Process.GetCurrentProcess();
            while (!sampling.IsCancellationRequested)
            {
                p.Refresh();
                peak = Math.Max(peak, p.WorkingSet64);
                heapPeak = Math.Max(heapPeak, GC.GetTotalMemory(forceFullCollection: false));
                try
                {
                    await Task.Delay(10, sampling.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }, CancellationToken.None);

        var watch = Stopwatch.StartNew();
        var stored = await generator.GenerateAsync(ReportKind.EnergyAndMoney, month, "zh-CN", "bench", false, ReportGenerator.BothFormats, null, cancellationToken);
        watch.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        await sampling.CancelAsync();
        await sampler;
        process.Refresh();

        var pdf = stored.Single(s => s.Format == ReportFormat.Pdf);
        var xlsx = stored.Single(s => s.Format == ReportFormat.Xlsx);
        int pages;
        using (var document = PdfSharp.Pdf.IO.PdfReader.Open(new MemoryStream((await store.ReadAsync(pdf, cancellationToken))!), PdfSharp.Pdf.IO.PdfDocumentOpenMode.Import))
        {
            pages = document.PageCount;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Energy and money report, {month}, {label} ({meters} meters): {watch.Elapsed.TotalSeconds:F2} s for PDF ({pages} pages, {pdf.SizeBytes / 1024.0:F0} KiB) and XLSX ({xlsx.SizeBytes / 1024.0:F0} KiB); " +
            $"working set {before / 1048576.0:F0} MiB before, peak {peak / 1048576.0:F0} MiB while generating (+{(peak - before) / 1048576.0:F0} MiB), {allocated / 1048576.0:F0} MiB allocated; " +
            $"managed heap {heapBefore / 1048576.0:F0} MiB before ({committedBefore / 1048576.0:F0} MiB committed), peak {heapPeak / 1048576.0:F0} MiB, {GC.CollectionCount(0) - gen0Before} gen0 collections ({(GCSettings.IsServerGC ? "server" : "workstation")} GC); process peak so far {process.PeakWorkingSet64 / 1048576.0:F0} MiB."));
    }

    /// <summary>Where the time and allocations go: the same report built, then written as PDF and as XLSX, each measured alone.</summary>
    private async Task BreakdownAsync(ReportGenerator generator, ReportPeriod month, CancellationToken cancellationToken)
    {
        var parts = new List<string>();
        var watch = Stopwatch.StartNew();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        string Step(string name)
        {
            var now = GC.GetTotalAllocatedBytes(precise: true);
            var text = string.Create(CultureInfo.InvariantCulture, $"{name} {watch.Elapsed.TotalSeconds:F2} s, {(now - allocated) / 1048576.0:F0} MiB allocated");
            (allocated, watch) = (now, Stopwatch.StartNew());
            return text;
        }

        var document = await generator.BuildAsync(ReportKind.EnergyAndMoney, month, "zh-CN", "bench", null, cancellationToken);
        parts.Add(Step("data and tables"));
        ReportWriters.WritePdf(document);
        parts.Add(Step("PDF"));
        ReportWriters.WriteXlsx(document);
        parts.Add(Step("XLSX"));
        await output.WriteLineAsync("  breakdown: " + string.Join("; ", parts) + ".");
    }

    // New shops, each with one account and one electricity meter, on new buses behind the existing gateways.
    private async Task<int> GrowAsync(int targetMeters, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var toAdd = Math.Max(0, targetMeters - await db.Meters.CountAsync(cancellationToken));
        var gateways = await db.Gateways.Include(g => g.Buses).OrderBy(g => g.Id).ToListAsync(cancellationToken);
        var template = await db.Meters.AsNoTracking().FirstAsync(m => m.Role == MeterRole.Tenant && m.Kind == MeterKind.Electricity, cancellationToken);
        var siteId = template.SiteId;
        if (toAdd == 0 || gateways.Count == 0)
        {
            return 0;
        }

        var tenants = Enumerable.Range(1, toAdd).Select(i => new Tenant
        {
            SiteId = siteId,
            Name = $"测试商铺{i:D5}",
            NameEn = $"Bench shop {i:D5}",
            UnitNumber = $"X{i:D5}",
            ContactName = "测试",
            Mobile = "13800000000",
            LeasedAreaM2 = 50,
        }).ToList();
        db.Tenants.AddRange(tenants);
        await db.SaveChangesAsync(cancellationToken);
        var accounts = tenants.Select((t, i) => new Account { TenantId = t.Id, Number = $"BX{i + 1:D6}", OpenedAt = DateTimeOffset.UtcNow.AddYears(-1) }).ToList();
        db.Accounts.AddRange(accounts);
        await db.SaveChangesAsync(cancellationToken);

        for (var start = 0; start < toAdd; start += MetersPerBus)
        {
            var gateway = gateways[(start / MetersPerBus) % gateways.Count];
            var port = gateway.Buses.Max(b => b.PortNumber) + 1;
            var bus = new Bus { GatewayId = gateway.Id, Name = $"{gateway.Name}-COM{port}", PortNumber = port, TcpPort = 20000 + port };
            gateway.Buses.Add(bus);
            db.Buses.Add(bus);
            for (var unit = 1; unit <= MetersPerBus && start + unit <= toAdd; unit++)
            {
                bus.Meters.Add(new Meter
                {
                    SiteId = siteId,
                    UnitId = unit,
                    SerialNumber = $"BENCHR{start + unit:D7}",
                    Name = $"X{start + unit:D5}-E",
                    Kind = MeterKind.Electricity,
                    Role = MeterRole.Tenant,
                    Profile = template.Profile,
                    BillingMode = BillingMode.Platform,
                    ShaftId = gateway.ShaftId,
                    AccountId = accounts[start + unit - 1].Id,
                    TariffId = template.TariffId,
                });
            }
        }

        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync(cancellationToken);
        return toAdd;
    }

    /// <summary>Daily freezes for every meter without them and a month of ledger entries for every account without any in the month.</summary>
    private async Task<(int Freezes, int Entries)> FillMonthAsync(ReportPeriod month, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (start, end) = (SiteTime.MidnightUtc(month.Start, zone), SiteTime.MidnightUtc(month.End.AddDays(1), zone));
        var frozen = (await db.FreezeReadings.Where(f => f.Period == month.Start).Select(f => f.MeterId).ToListAsync(cancellationToken)).ToHashSet();
        var meters = (await db.Meters.Select(m => m.Id).ToListAsync(cancellationToken)).Where(id => !frozen.Contains(id)).ToList();
        var billed = (await db.LedgerEntries.Where(e => e.OccurredAt >= start && e.OccurredAt < end).Select(e => e.AccountId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var accounts = (await db.Accounts.Select(a => a.Id).ToListAsync(cancellationToken)).Where(id => !billed.Contains(id)).ToList();

        var connection = (SqliteConnection)db.Database.GetDbConnection();
        await connection.OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        var freezes = 0;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO FreezeReadings (MeterId, Kind, Period, At, Value) VALUES ($m, 0, $p, $a, $v)";
            var (m, p, a, v) = (insert.Parameters.Add("$m", SqliteType.Integer), insert.Parameters.Add("$p", SqliteType.Text),
                insert.Parameters.Add("$a", SqliteType.Integer), insert.Parameters.Add("$v", SqliteType.Integer));
            foreach (var meter in meters)
            {
                var value = 10_000m + (meter % 997);
                for (var day = month.Start; day <= month.End.AddDays(1); day = day.AddDays(1))
                {
                    (m.Value, p.Value, a.Value, v.Value) = (meter, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), SiteTime.MidnightUtc(day, zone).UtcTicks, (long)(value * 10_000));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    value += 12.3456m + (meter % 17);
                    freezes++;
                }
            }
        }

        var entries = 0;
        await using (var insert = connection.CreateCommand())
        {
            insert.Transaction = tx;
            insert.CommandText = "INSERT INTO LedgerEntries (AccountId, Kind, Amount, PaymentMethod, IdempotencyKey, OccurredAt, RecordedBy, CauseType) " +
                "VALUES ($acc, $k, $amt, $pm, $key, $at, $by, 'bench')";
            var (acc, k, amt, pm, key, at, by) = (insert.Parameters.Add("$acc", SqliteType.Integer), insert.Parameters.Add("$k", SqliteType.Integer),
                insert.Parameters.Add("$amt", SqliteType.Integer), insert.Parameters.Add("$pm", SqliteType.Integer), insert.Parameters.Add("$key", SqliteType.Text),
                insert.Parameters.Add("$at", SqliteType.Integer), insert.Parameters.Add("$by", SqliteType.Text));
            async Task Add(int account, LedgerEntryKind kind, decimal amount, PaymentMethod? method, DateTimeOffset when, string who)
            {
                (acc.Value, k.Value, amt.Value, pm.Value, key.Value, at.Value, by.Value) =
                    (account, (int)kind, (long)(amount * 10_000), method is { } x ? (int)x : DBNull.Value, $"bench:{month.Start:yyyyMM}:{account}:{entries}", when.UtcTicks, who);
                await insert.ExecuteNonQueryAsync(cancellationToken);
                entries++;
            }

            foreach (var account in accounts)
            {
                await Add(account, LedgerEntryKind.Recharge, 1000m, PaymentMethod.Cash, start.AddDays(-10), "cashier");
                await Add(account, LedgerEntryKind.Recharge, 500m + (account % 50), PaymentMethod.WeChat, start.AddDays(4).AddHours(3), "wechat");
                await Add(account, LedgerEntryKind.Recharge, 300m, PaymentMethod.BankCard, start.AddDays(19).AddHours(5), "cashier");
                for (var day = 0; day < month.Days; day++)
                {
                    await Add(account, LedgerEntryKind.EnergyCharge, -(12.3456m + (account % 13)), null, start.AddDays(day).AddHours(15), "billing");
                }
            }
        }

        await tx.CommitAsync(cancellationToken);
        return (freezes, entries);
    }
}
