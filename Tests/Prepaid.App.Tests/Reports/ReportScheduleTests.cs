using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prepaid.App.Persistence.Entities;
using Prepaid.App.Reports;
using Prepaid.App.Kernel.Scheduling;
using Prepaid.App.Tests.Support;
using Quartz;
using static Prepaid.App.Tests.Reports.ReportTestHost;

namespace Prepaid.App.Tests.Reports;

public sealed class ReportScheduleTests
{
    private static IReadOnlyList<SiteCronJob> RegisteredJobs()
    {
        var services = new ServiceCollection();
        new ReportsModule().AddServices(services, new ConfigurationBuilder().Build());
        return [.. services.BuildServiceProvider().GetServices<SiteCronJob>()];
    }

    private static DateTimeOffset NextFire(string cron, DateTimeOffset after) =>
        new CronExpression(cron, Zone).GetNextValidTimeAfter(after)!.Value;

    [Fact]
    public void AddReports_DailyJob_FiresAt0005SiteTimeEveryDay()
    {
        var daily = RegisteredJobs().Single(j => j.Name == "daily-reports");
        var clock = new FakeTimeProvider(TestTime.DefaultStart);   // 2026-11-20 10:30 in Shanghai

        var first = NextFire(daily.CronExpression, clock.GetUtcNow());
        var second = NextFire(daily.CronExpression, first);

        Assert.Equal(Local(2026, 11, 21, 0, 5), first);
        Assert.Equal(new DateTimeOffset(2026, 11, 20, 16, 5, 0, TimeSpan.Zero), first);
        Assert.Equal(Local(2026, 11, 22, 0, 5), second);
        Assert.True(daily.CatchUpOnStart);
        Assert.Equal(typeof(DailyReportsJob), daily.JobType);
    }

    [Fact]
    public void AddReports_MonthlyJob_FiresAt0015SiteTimeOnThe1st()
    {
        var monthly = RegisteredJobs().Single(j => j.Name == "monthly-reports");

        var first = NextFire(monthly.CronExpression, TestTime.DefaultStart);
        var second = NextFire(monthly.CronExpression, first);

        Assert.Equal(Local(2026, 12, 1, 0, 15), first);
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 16, 15, 0, TimeSpan.Zero), first);
        Assert.Equal(Local(2027, 1, 1, 0, 15), second);
        Assert.True(monthly.CatchUpOnStart);
    }

    [Fact]
    public void DuePeriods_LongOutage_BoundedAndNotBeforeTheFirstData()
    {
        var today = new DateOnly(2026, 11, 20);

        var days = ReportSchedule.DuePeriods(ScheduleCadence.Daily, today, new DateOnly(2026, 1, 1), 31, 12);
        var fromData = ReportSchedule.DuePeriods(ScheduleCadence.Daily, today, new DateOnly(2026, 11, 17), 31, 12);
        var months = ReportSchedule.DuePeriods(ScheduleCadence.Monthly, today, new DateOnly(2025, 1, 1), 31, 12);
        var monthsFromData = ReportSchedule.DuePeriods(ScheduleCadence.Monthly, today, new DateOnly(2026, 9, 30), 31, 12);

        Assert.Equal(31, days.Count);
        Assert.Equal(ReportPeriod.Day(new DateOnly(2026, 10, 20)), days[0]);
        Assert.Equal(ReportPeriod.Day(new DateOnly(2026, 11, 19)), days[^1]);
        Assert.Equal([new DateOnly(2026, 11, 17), new DateOnly(2026, 11, 18), new DateOnly(2026, 11, 19)], fromData.Select(p => p.Start));
        Assert.Equal(12, months.Count);
        Assert.Equal(ReportPeriod.Month(2025, 11), months[0]);
        Assert.Equal(ReportPeriod.Month(2026, 10), months[^1]);
        Assert.Equal([ReportPeriod.Month(2026, 9), ReportPeriod.Month(2026, 10)], monthsFromData);
        Assert.Empty(ReportSchedule.DuePeriods(ScheduleCadence.Daily, today, null, 31, 12));
    }

    [Fact]
    public async Task RunAsync_Daily_CatchesUpAfterAnOutageAndASecondRunProducesNothing()
    {
        // The demo's opening balances are the first data, on 1 November.
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        host.Clock.Advance(Local(2026, 11, 4, 0, 5) - host.Clock.GetUtcNow());

        var first = await host.Schedule.RunAsync(ScheduleCadence.Daily, CancellationToken.None);
        var again = await host.Schedule.RunAsync(ScheduleCadence.Daily, CancellationToken.None);

        // 1, 2 and 3 November x (daily sales, communication faults, loss reconciliation) x (zh-CN, en) x (PDF, XLSX).
        Assert.Equal(3 * 3 * 2 * 2, first);
        Assert.Equal(0, again);

        // The server was down from the 4th to the 8th: the start-up run fills exactly the missing days.
        host.Clock.Advance(Local(2026, 11, 9, 0, 5) - host.Clock.GetUtcNow());
        Assert.Equal(5 * 3 * 2 * 2, await host.Schedule.RunAsync(ScheduleCadence.Daily, CancellationToken.None));
        Assert.Equal(0, await host.Schedule.RunAsync(ScheduleCadence.Daily, CancellationToken.None));

        await using var db = host.Database.CreateDbContext();
        var rows = await db.GeneratedReports.ToListAsync();
        Assert.Equal(96, rows.Count);
        Assert.All(rows, r => Assert.True(r.Scheduled && r.Version == 1 && r.GeneratedBy == ReportGenerator.SchedulerUser));
        Assert.Equal(Enumerable.Range(1, 8).Select(d => new DateOnly(2026, 11, d)), rows.Select(r => r.PeriodStart).Distinct().Order());
        Assert.All(rows, r => Assert.True(File.Exists(Path.Combine(host.Store.Root, r.FilePath))));
    }

    [Fact]
    public async Task RunAsync_Monthly_ProducesThePreviousMonthOnceInEveryLanguageAndFormat()
    {
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        host.Clock.Advance(Local(2026, 11, 30, 23, 59) - host.Clock.GetUtcNow());
        Assert.Equal(0, await host.Schedule.RunAsync(ScheduleCadence.Monthly, CancellationToken.None));

        host.Clock.Advance(Local(2026, 12, 1, 0, 15) - host.Clock.GetUtcNow());
        var produced = await host.Schedule.RunAsync(ScheduleCadence.Monthly, CancellationToken.None);

        // Monthly sales, shop purchases, energy and money, communication faults, sharing statement, loss
        // reconciliation and alarm KPIs, each in 2 languages and 2 formats.
        Assert.Equal(7 * 2 * 2, produced);
        Assert.Equal(0, await host.Schedule.RunAsync(ScheduleCadence.Monthly, CancellationToken.None));
        await using var db = host.Database.CreateDbContext();
        var rows = await db.GeneratedReports.ToListAsync();
        Assert.All(rows, r => Assert.Equal(ReportPeriod.Month(2026, 11), r.Period));
        Assert.Equal(ReportSchedule.MonthlyKinds.Order(), rows.Select(r => r.Kind).Distinct().Order());
        Assert.All(rows.GroupBy(r => (r.Kind, r.Language, r.Format)), g => Assert.Single(g));
    }

    [Fact]
    public async Task GenerateAsync_ManualRegeneration_AddsANewVersionAndKeepsTheOld()
    {
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        host.Clock.Advance(Local(2026, 11, 3, 0, 5) - host.Clock.GetUtcNow());
        await host.Schedule.RunAsync(ScheduleCadence.Daily, CancellationToken.None);
        var day = ReportPeriod.Day(new DateOnly(2026, 11, 2));

        var again = await host.Generator.GenerateAsync(ReportKind.DailySales, day, "en", "manager", false, ReportGenerator.BothFormats, null, CancellationToken.None);

        await using var db = host.Database.CreateDbContext();
        var versions = await db.GeneratedReports
            .Where(r => r.Kind == ReportKind.DailySales && r.PeriodStart == day.Start && r.Language == "en" && r.Format == ReportFormat.Pdf)
            .OrderBy(r => r.Version).ToListAsync();
        Assert.Equal([1, 2], versions.Select(v => v.Version));
        Assert.Equal("manager", versions[1].GeneratedBy);
        Assert.False(versions[1].Scheduled);
        Assert.NotEqual(versions[0].FilePath, versions[1].FilePath);
        Assert.NotNull(await host.Store.ReadAsync(versions[0], CancellationToken.None));
        Assert.NotNull(await host.Store.ReadAsync(versions[1], CancellationToken.None));
        Assert.Equal(0, await host.Schedule.RunAsync(ScheduleCadence.Daily, CancellationToken.None));
    }

    [Fact]
    public async Task ReadAsync_FileChangedOnDisk_IsRefused()
    {
        await using var host = await CreateAsync(Local(2026, 11, 1, 9));
        var stored = await host.Generator.GenerateAsync(ReportKind.DailySales, ReportPeriod.Day(new DateOnly(2026, 11, 1)), "en", "manager", false, [ReportFormat.Pdf], null, CancellationToken.None);

        await File.AppendAllTextAsync(Path.Combine(host.Store.Root, stored[0].FilePath), "tampered");

        Assert.Null(await host.Store.ReadAsync(stored[0], CancellationToken.None));
    }
}
