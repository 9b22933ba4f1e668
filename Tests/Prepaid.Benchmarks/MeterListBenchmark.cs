using Prepaid.App.Meters;
using Prepaid.App;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.Benchmarks;

/// <summary>
/// Times the meters list's queries on a database grown to a target number of meters, so "usable with
/// 10,000 meters" is a figure anyone can rerun (<c>Prepaid.App bench meters-list --meters 10000</c>).
/// </summary>
internal sealed class MeterListBenchmark(IDbContextFactory<PrepaidDb> factory, TextWriter output)
{
    private const int MetersPerBus = 30;

    public async Task RunAsync(int targetMeters, int iterations, CancellationToken cancellationToken)
    {
        var added = await GrowAsync(targetMeters, cancellationToken);
        var query = new MeterListQuery(factory);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var total = await db.Meters.CountAsync(cancellationToken);
        var shaft = await db.Shafts.OrderBy(s => s.Code).Select(s => s.Id).FirstAsync(cancellationToken);
        await output.WriteLineAsync($"Meters list on {db.Provider}: {total} meters ({added} added to the demo mall), {iterations} runs each after 2 warm-ups.");
        await output.WriteLineAsync($"{"query",-44} {"rows",6} {"p50 ms",8} {"max ms",8}");

        (string Name, MeterListRequest Request)[] cases =
        [
            ("first page, by name", new(new MeterFilter(), 0, 50)),
            ("page 100 of 50, by name", new(new MeterFilter(), 100, 50)),
            ("first page, by serial number descending", new(new MeterFilter(), 0, 50, MeterSortColumn.SerialNumber, true)),
            ("first page, by shop name", new(new MeterFilter(), 0, 50, MeterSortColumn.Tenant)),
            ("first page, by bus and address", new(new MeterFilter(), 0, 50, MeterSortColumn.Bus)),
            ("water meters", new(new MeterFilter(Kind: MeterKind.Water), 0, 50)),
            ("one shaft, public area", new(new MeterFilter(ShaftId: shaft, Role: MeterRole.PublicArea), 0, 50)),
            ("platform billing shops", new(new MeterFilter(Role: MeterRole.Tenant, BillingMode: BillingMode.Platform), 0, 50)),
            ("search unit \"L2-1\"", new(new MeterFilter(Search: "L2-1"), 0, 50)),
            ("search shop name \"火锅\"", new(new MeterFilter(Search: "火锅"), 0, 50)),
        ];
        foreach (var (name, request) in cases)
        {
            var times = new List<double>();
            var rows = 0;
            for (var i = 0; i < iterations + 2; i++)
            {
                var watch = Stopwatch.StartNew();
                var page = await query.GetPageAsync(request, cancellationToken);
                watch.Stop();
                rows = page.Total;
                if (i >= 2)
                {
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }
            }

            times.Sort();
            await output.WriteLineAsync($"{name,-44} {rows,6} {times[times.Count / 2],8:F1} {times[^1],8:F1}");
        }
    }

    // Adds shop meters on new buses behind the existing gateways, drawing on the existing accounts and tariffs.
    private async Task<int> GrowAsync(int targetMeters, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Meters.CountAsync(cancellationToken);
        var toAdd = Math.Max(0, targetMeters - existing);
        var gateways = await db.Gateways.Include(g => g.Buses).OrderBy(g => g.Id).ToListAsync(cancellationToken);
        var shops = await db.Meters.Where(m => m.Role == MeterRole.Tenant && m.Kind == MeterKind.Electricity).AsNoTracking().ToListAsync(cancellationToken);
        if (toAdd == 0 || gateways.Count == 0 || shops.Count == 0)
        {
            return 0;
        }

        for (var start = 0; start < toAdd; start += MetersPerBus)
        {
            var gateway = gateways[(start / MetersPerBus) % gateways.Count];
            var port = gateway.Buses.Max(b => b.PortNumber) + 1;
            var bus = new Bus { Name = $"{gateway.Name}-COM{port}", PortNumber = port, TcpPort = 20000 + port, BaudRate = 9600 };
            gateway.Buses.Add(bus);
            for (var unit = 1; unit <= MetersPerBus && start + unit <= toAdd; unit++)
            {
                var template = shops[(start + unit) % shops.Count];
                bus.Meters.Add(new Meter
                {
                    SiteId = template.SiteId,
                    UnitId = unit,
                    SerialNumber = $"BENCH{start + unit:D7}",
                    Name = $"X{start + unit:D5}-E",
                    Kind = MeterKind.Electricity,
                    Role = MeterRole.Tenant,
                    Profile = template.Profile,
                    BillingMode = template.BillingMode,
                    CtRatio = template.CtRatio,
                    PowerLimitKw = template.PowerLimitKw,
                    ShaftId = gateway.ShaftId,
                    AccountId = template.AccountId,
                    TariffId = template.TariffId,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return toAdd;
    }
}
