using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Demo.History;
using Prepaid.App.Persistence;
using Prepaid.App.Tests.Support;
using Prepaid.Domain.Alarms;
using Prepaid.Domain.Model;
using Xunit;

namespace Prepaid.App.Tests.Demo;

public sealed class DemoHistoryAlarmsTests
{
    [Fact]
    public async Task RunAsync_TwoDays_RaisesAlarmsThroughTheEngineAndTheElectricianAcknowledgesMost()
    {
        // Midnight of 12 November, site time: with the demo seed, that day has a meter silent for a while.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 11, 16, 0, 0, TimeSpan.Zero));
        await using var factory = new PrepaidAppFactory();
        await using var app = DemoHistoryHost.Create(factory, clock);
        var services = app.Services;
        var from = DemoHistory.StartFor(clock.GetUtcNow(), 0).AddMinutes(30);
        var to = from.AddDays(2);

        await services.GetRequiredService<DemoHistory>().RunAsync(from, to, CancellationToken.None);

        await using var db = await services.GetRequiredService<IDbContextFactory<PrepaidDb>>().CreateDbContextAsync();
        var events = await db.MeterEvents.AsNoTracking().ToListAsync();
        var alarms = await db.Alarms.AsNoTracking().ToListAsync();
        var journal = await db.AlarmJournal.AsNoTracking().ToListAsync();
        var seen = string.Join(", ", events.Select(e => e.Kind.ToString()).Concat(alarms.Select(a => a.Condition.ToString())).CountBy(k => k));
        Assert.True(events.Any(e => e.Kind == MeterEventKind.MeterLost), seen);
        Assert.Contains(events, e => e.Kind == MeterEventKind.MeterRecovered);
        Assert.Contains(alarms, a => a.Condition == AlarmCondition.CommunicationLost);
        Assert.All(alarms, a => Assert.InRange(a.ActivatedAt, from, to));

        // Every alarm's journal replays to its stored state: the engine wrote them, not a hand-made insert.
        foreach (var alarm in alarms)
        {
            var records = journal.Where(j => j.AlarmId == alarm.Id).OrderBy(j => j.Sequence).ToList();
            Assert.NotEmpty(records);
            Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Sequence));
            Assert.Contains(records, r => r.Kind == AlarmEventKind.ConditionActive);
        }

        var acknowledged = journal.Where(j => j.Kind is AlarmEventKind.Acknowledge or AlarmEventKind.ResetLatched).ToList();
        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, j =>
        {
            Assert.Equal(HistoryControlRoom.Electrician, j.User);
            Assert.False(string.IsNullOrWhiteSpace(j.Comment));
        });
        Assert.All(acknowledged, j => Assert.True(j.At > alarms.Single(a => a.Id == j.AlarmId).ActivatedAt, "acknowledged after a delay"));
        Assert.True(acknowledged.Select(j => j.AlarmId).Distinct().Count() * 2 > alarms.Count, "most alarms are acknowledged");
    }
}
