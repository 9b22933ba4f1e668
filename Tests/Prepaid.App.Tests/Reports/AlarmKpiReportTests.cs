using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;
using static Prepaid.App.Tests.Reports.ReportTestHost;

namespace Prepaid.App.Tests.Reports;

public sealed class AlarmKpiReportTests
{
    [Fact]
    public async Task AlarmKpis_Month_CountsAndPrioritiesInThePdfEqualTheInsertedJournal()
    {
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        await using var db = host.Database.CreateDbContext();
        var site = await db.Sites.Select(s => s.Id).FirstAsync();
        var meters = await db.Meters.OrderBy(m => m.Id).Take(3).ToListAsync();
        AlarmPriority[] priorities = [AlarmPriority.High, AlarmPriority.Medium, AlarmPriority.Low];
        var alarms = meters.Select((m, i) => new Alarm
        {
            SiteId = site, SourceKind = AlarmSourceKind.Meter, SourceId = m.Id, Condition = AlarmCondition.CommunicationLost, Priority = priorities[i],
            State = AlarmState.Normal, ActivatedAt = Local(2026, 11, 2),
        }).ToList();
        db.Alarms.AddRange(alarms);
        await db.SaveChangesAsync();

        // High: 2 activations in November, Medium 3, Low 7 (one in October, not counted); each clears 5 minutes later,
        // except the Low alarm's last activation on 20 November, still active at the month's end: standing.
        int[] activations = [2, 3, 7];
        var journal = new List<AlarmJournalEntry>();
        for (var a = 0; a < alarms.Count; a++)
        {
            var sequence = 0;
            for (var n = 0; n < activations[a] + (a == 2 ? 1 : 0); n++)
            {
                var at = a == 2 && n == 0 ? Local(2026, 10, 30, 12) : a == 2 && n == activations[a] ? Local(2026, 11, 20, 8) : Local(2026, 11, 3 + n, 9 + a);
                journal.Add(Entry(alarms[a], ++sequence, AlarmEventKind.ConditionActive, at, AlarmState.Normal, AlarmState.ActiveUnacknowledged, annunciated: true, active: true));
                if (!(a == 2 && n == activations[a]))
                {
                    journal.Add(Entry(alarms[a], ++sequence, AlarmEventKind.ConditionClear, at.AddMinutes(5), AlarmState.ActiveUnacknowledged, AlarmState.ReturnedUnacknowledged,
                        annunciated: false, active: false));
                }
            }
        }

        await host.AddAsync(journal);
        host.Clock.Advance(Local(2026, 12, 1, 0, 15) - host.Clock.GetUtcNow());

        var stored = await host.Generator.GenerateAsync(ReportKind.AlarmKpis, ReportPeriod.Month(2026, 11), "en", "scheduler", true,
            ReportGenerator.BothFormats, null, CancellationToken.None);
        var pdf = (await host.Store.ReadAsync(stored[0], CancellationToken.None))!;
        var text = ReportPdf.Text(pdf);
        PdfSamples.Save("alarm-kpis-en.pdf", pdf);
        var period = stored[0].Period;
        PdfSamples.Save("alarm-kpis-zh.pdf", ReportWriters.Write(await host.Generator.BuildAsync(stored[0].Kind, period, "zh-CN", "scheduler", null, CancellationToken.None), ReportFormat.Pdf));

        var (start, end) = (Local(2026, 11, 1), Local(2026, 12, 1));
        var counted = journal.Where(j => j.Annunciated && j.At >= start && j.At < end).ToList();
        int Count(AlarmPriority p) => counted.Count(j => j.Priority == p);
        Assert.Equal(12, counted.Count);
        Assert.Contains("AlarmKPIs", text);
        Assert.Contains("Alarms" + counted.Count, text);
        Assert.Contains($"High{Count(AlarmPriority.High)}", text);
        Assert.Contains($"Medium{Count(AlarmPriority.Medium)}", text);
        Assert.Contains($"Low{Count(AlarmPriority.Low)}", text);
        Assert.Contains($"Total{counted.Count}100.0%", text);
        Assert.Contains($"Meter{meters[2].Name}{Count(AlarmPriority.Low)}", text);
        Assert.Contains("Standingalarms(activeover24h)1", text);
        Assert.Contains($"Meter{meters[2].Name}", text);
        Assert.Contains("2026-11-2008:00:00stillactive", text);
    }

    private static AlarmJournalEntry Entry(Alarm alarm, int sequence, AlarmEventKind kind, DateTimeOffset at, AlarmState from, AlarmState to, bool annunciated, bool active) => new()
    {
        AlarmId = alarm.Id, SourceKind = alarm.SourceKind, SourceId = alarm.SourceId, Condition = alarm.Condition, Priority = alarm.Priority,
        Sequence = sequence, Kind = kind, At = at, FromState = from, ToState = to, Annunciated = annunciated, ConditionActive = active,
    };
}
