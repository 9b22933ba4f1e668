using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports.Sources;
using Prepaid.Domain.Model;
using static Prepaid.App.Tests.Reports.ReportTestHost;

namespace Prepaid.App.Tests.Reports;

public sealed class CommunicationFaultsReportTests
{
    private static MeterEvent Event(AlarmSourceKind kind, int id, MeterEventKind what, DateTimeOffset at) =>
        new() { SourceKind = kind, SourceId = id, Kind = what, At = at };

    [Fact]
    public async Task CommunicationFaults_Day_OutagesCutToThePeriodWithDurations()
    {
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        await using var db = host.Database.CreateDbContext();
        var gateway = await db.Gateways.OrderBy(g => g.Id).FirstAsync();
        var meters = await db.Meters.OrderBy(m => m.Id).Take(3).ToListAsync();
        await host.AddAsync(
        [
            Event(AlarmSourceKind.Gateway, gateway.Id, MeterEventKind.GatewayLost, Local(2026, 11, 5, 10)),
            Event(AlarmSourceKind.Gateway, gateway.Id, MeterEventKind.GatewayRecovered, Local(2026, 11, 5, 11, 30)),
            // Lost the day before, recovered at 02:00: 2 h inside the day.
            Event(AlarmSourceKind.Meter, meters[0].Id, MeterEventKind.MeterLost, Local(2026, 11, 4, 20)),
            Event(AlarmSourceKind.Meter, meters[0].Id, MeterEventKind.MeterRecovered, Local(2026, 11, 5, 2)),
            // Lost at 22:00 and reported again after a restart: still one outage, open to the end of the day.
            Event(AlarmSourceKind.Meter, meters[1].Id, MeterEventKind.MeterLost, Local(2026, 11, 5, 22)),
            Event(AlarmSourceKind.Meter, meters[1].Id, MeterEventKind.MeterLost, Local(2026, 11, 5, 23)),
            // Not a communication event.
            Event(AlarmSourceKind.Meter, meters[2].Id, MeterEventKind.NegativeDelta, Local(2026, 11, 5, 12)),
        ]);
        host.Clock.Advance(Local(2026, 11, 6, 0, 5) - host.Clock.GetUtcNow());

        var report = await host.Generator.BuildAsync(ReportKind.CommunicationFaults, ReportPeriod.Day(new DateOnly(2026, 11, 5)), "en", "scheduler", null, CancellationToken.None);

        var gateways = report.Tables[0];
        var g = Assert.Single(gateways.Rows);
        Assert.Equal($"Gateway {gateway.Name}", g[0]);
        Assert.Equal(["2026-11-05 10:00:00", "2026-11-05 11:30:00", "1 h 30 min"], g[1..]);
        var lost = report.Tables[1];
        Assert.Equal(2, lost.Rows.Count);
        Assert.Equal("2 h 00 min", lost.Rows[0][3]);
        Assert.Equal(["2026-11-05 22:00:00", "not recovered", "2 h 00 min"], lost.Rows[1][1..]);
        Assert.Equal("4 h 00 min", lost.Totals[0][3]);
    }

    [Fact]
    public void Pair_RecoveredWithoutLost_IsIgnoredAndOpenOutagesStayOpen()
    {
        var t0 = DateTimeOffset.UnixEpoch;
        var outages = CommunicationFaultsReportSource.Pair(
        [
            (AlarmSourceKind.Meter, 1, MeterEventKind.MeterRecovered, t0),
            (AlarmSourceKind.Meter, 1, MeterEventKind.MeterLost, t0.AddHours(1)),
            (AlarmSourceKind.Bus, 1, MeterEventKind.BusLost, t0.AddHours(1)),
            (AlarmSourceKind.Bus, 1, MeterEventKind.BusRecovered, t0.AddHours(3)),
        ]);
        Assert.Equal(2, outages.Count);
        Assert.Contains(outages, o => o.SourceKind == AlarmSourceKind.Bus && o.End == t0.AddHours(3));
        Assert.Contains(outages, o => o.SourceKind == AlarmSourceKind.Meter && o.End is null && o.Start == t0.AddHours(1));
    }
}
