using Prepaid.App.Readings;
using Prepaid.App;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Prepaid.Acquisition.Polling;
using Prepaid.App.Hosting;
using Prepaid.App.Kernel.Live;
using Prepaid.App.Persistence;
using Prepaid.App.Simulation;
using Prepaid.Domain.Model;

namespace Prepaid.Benchmarks;

/// <summary>
/// <c>bench acquisition</c>: the demo mall grown to N meters on a temporary SQLite database, the simulator without
/// wire emulation, and the production path (pollers, batched processing and persistence, live cache, notifier).
/// Latency is from a reading's completion (its source time) to its arrival in the cache that notifies the views.
/// CPU and memory are the whole process's, the simulator's included, so they bound the platform's share from above.
/// </summary>
internal static class PipelineBenchmark
{
    private const int MetersPerBus = 30;

    public static async Task<int> RunAsync(int meters, TimeSpan period, TimeSpan duration, string[] args, TextWriter output, CancellationToken cancellationToken, bool alarms = false)
    {
        await using var database = await BenchDatabase.CreateAsync(args, services =>
        {
            services.AddSingleton<ReadingProcessor>();
            services.AddSingleton<ReadingPipeline>();
            if (alarms)
            {
                // The alarm engine and its sources as the server runs them, to measure what they add to the pipeline.
                services.AddOptions<Prepaid.App.Alarms.AlarmOptions>();
                services.AddSingleton<Prepaid.App.Alarms.AlarmNotifier>();
                services.AddSingleton<Prepaid.App.Alarms.AlarmQuery>();
                services.AddSingleton<Prepaid.App.Alarms.AlarmService>();
                services.AddSingleton<Prepaid.App.Alarms.AlarmSourcesHostedService>();
            }
        }, cancellationToken);
        var alarmSources = alarms ? database.Host.Services.GetRequiredService<Prepaid.App.Alarms.AlarmSourcesHostedService>() : null;
        var factory = database.Factory;
        await GrowAsync(factory, meters, cancellationToken);

        var topology = await new SimulationTopologyLoader(factory).LoadAsync(DateTimeOffset.UtcNow, cancellationToken);
        await using var simulator = SimulatorFactory.Start(topology, new SimulationOptions { Enabled = true }, TimeProvider.System);
        var settings = new AcquisitionServiceOptions { FastPeriod = period, FullPeriod = TimeSpan.FromMinutes(10) };
        var configuration = await AcquisitionConfigurationLoader.LoadAsync(factory, settings, cancellationToken);
        var readings = new ChannelReadingSink(settings.BatchSize * 2);
        var events = new ChannelCommunicationEventSink();
        await using var engine = new AcquisitionEngine(readings, events);
        var pipeline = database.Host.Services.GetRequiredService<ReadingPipeline>();

        var warmUp = TimeSpan.FromSeconds(Math.Min(5, duration.TotalSeconds / 4));
        var measuring = false;
        var latencies = new List<double>();
        long count = 0;
        pipeline.BatchApplied = batch =>
        {
            if (!Volatile.Read(ref measuring))
            {
                return;
            }

            var now = DateTimeOffset.UtcNow;
            lock (latencies)
            {
                latencies.AddRange(batch.Select(r => (now - r.Reading.SourceTime).TotalMilliseconds));
                count += batch.Count;
            }
        };

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var running = Task.WhenAll(
            engine.RunAsync(configuration, stop.Token),
            pipeline.RunAsync(readings.Reader, settings.BatchSize, settings.BatchWindow, stop.Token),
            DrainAsync(events, stop.Token));
        if (alarmSources is not null)
        {
            await alarmSources.StartAsync(cancellationToken);
        }

        await Task.Delay(warmUp, cancellationToken);

        var process = Process.GetCurrentProcess();
        var cpuStart = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        Volatile.Write(ref measuring, true);
        await Task.Delay(duration, cancellationToken);
        Volatile.Write(ref measuring, false);
        watch.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuStart).TotalSeconds / watch.Elapsed.TotalSeconds;
        await stop.CancelAsync();
        if (alarmSources is not null)
        {
            await alarmSources.StopAsync(CancellationToken.None);
        }
        try
        {
            await running;
        }
        catch (OperationCanceledException)
        {
            // The engine reports its stop as a cancellation.
        }

        List<double> sorted;
        lock (latencies)
        {
            sorted = [.. latencies.Order()];
        }

        double Percentile(double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var intervals = await db.IntervalEnergies.CountAsync(cancellationToken);
        await output.WriteLineAsync(
            $"Pipeline: {configuration.Gateways.Sum(g => g.Buses.Sum(b => b.Meters.Count))} meters on {configuration.Gateways.Sum(g => g.Buses.Count)} buses, " +
            $"poll period {period.TotalSeconds:0.#} s, {watch.Elapsed.TotalSeconds:0.0} s measured after {warmUp.TotalSeconds:0} s warm-up, SQLite{(alarms ? ", alarm engine and sources running" : "")}.");
        await output.WriteLineAsync(
            $"{count} readings polled, processed, persisted and notified = {count / watch.Elapsed.TotalSeconds:0} per second; " +
            $"latency read to notifier p50 {Percentile(0.50):0} ms, p99 {Percentile(0.99):0} ms, max {(sorted.Count > 0 ? sorted[^1] : 0):0} ms.");
        await output.WriteLineAsync(
            $"CPU {cpu * 100:0.0} % of one core ({cpu * 100 / Environment.ProcessorCount:0.0} % of the machine), simulator included; " +
            $"peak memory {process.PeakWorkingSet64 / (1024 * 1024)} MB; {intervals} interval rows written.");
        return 0;
    }

    private static async Task DrainAsync(ChannelCommunicationEventSink events, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var _ in events.Reader.ReadAllAsync(cancellationToken))
            {
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the run.
        }
    }

    // Shop meters on new buses of 30 behind the demo gateways, each bus on a port of its own (20000 + n).
    private static async Task GrowAsync(IDbContextFactory<PrepaidDb> factory, int target, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var toAdd = target - await db.Meters.CountAsync(cancellationToken);
        if (toAdd <= 0)
        {
            return;
        }

        var gateways = await db.Gateways.Include(g => g.Buses).OrderBy(g => g.Id).ToListAsync(cancellationToken);
        var template = await db.Meters.AsNoTracking().FirstAsync(m => m.Profile == MeterProfile.PrepaidSinglePhase, cancellationToken);
        for (var start = 0; start < toAdd; start += MetersPerBus)
        {
            var index = start / MetersPerBus;
            var gateway = gateways[index % gateways.Count];
            var bus = new Bus { Name = $"{gateway.Name}-X{index}", PortNumber = 100 + index, TcpPort = 20000 + index, BaudRate = 9600 };
            gateway.Buses.Add(bus);
            for (var unit = 1; unit <= MetersPerBus && start + unit <= toAdd; unit++)
            {
                bus.Meters.Add(new Meter
                {
                    SiteId = template.SiteId, UnitId = unit, SerialNumber = $"PIPE{start + unit:D7}", Name = $"P{start + unit:D5}-E",
                    Kind = MeterKind.Electricity, Role = MeterRole.Tenant, Profile = template.Profile, BillingMode = template.BillingMode,
                    ShaftId = gateway.ShaftId, AccountId = template.AccountId, TariffId = template.TariffId,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
