using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports;

/// <summary>Which scheduled run: the daily reports (previous day) or the monthly ones (previous month).</summary>
public enum ScheduleCadence
{
    Daily,
    Monthly,
}

/// <summary>
/// What the daily and monthly jobs produce. Idempotent: every run derives from the database which completed
/// periods (within the catch-up bound, and not before the first stored data) lack a report, and produces only
/// those, in every language and format. The cron run and the catch-up at start are the same code.
/// </summary>
public sealed class ReportSchedule(
    IDbContextFactory<PrepaidDb> factory,
    ReportGenerator generator,
    ReportStore store,
    IOptions<ReportsOptions> options,
    TimeProvider time,
    ILogger<ReportSchedule> logger)
{
    public static readonly IReadOnlyList<ReportKind> DailyKinds = [ReportKind.DailySales, ReportKind.CommunicationFaults, ReportKind.LossReconciliation];

    public static readonly IReadOnlyList<ReportKind> MonthlyKinds =
        [ReportKind.MonthlySales, ReportKind.ShopPurchases, ReportKind.EnergyAndMoney, ReportKind.CommunicationFaults,
            ReportKind.SharingStatement, ReportKind.LossReconciliation, ReportKind.AlarmKpis];

    /// <summary>
    /// Completed periods, oldest first: days before <paramref name="today"/> (at most <paramref name="catchUpDays"/>,
    /// always yesterday), or months before the current one (at most <paramref name="catchUpMonths"/>, always the last),
    /// leaving out periods that end before <paramref name="firstDataDay"/>. No data at all: nothing is due.
    /// </summary>
    public static IReadOnlyList<ReportPeriod> DuePeriods(ScheduleCadence cadence, DateOnly today, DateOnly? firstDataDay, int catchUpDays, int catchUpMonths)
    {
        if (firstDataDay is not { } first)
        {
            return [];
        }

        var periods = new List<ReportPeriod>();
        if (cadence == ScheduleCadence.Daily)
        {
            for (var back = Math.Max(1, catchUpDays); back >= 1; back--)
            {
                var day = today.AddDays(-back);
                if (day >= first)
                {
                    periods.Add(ReportPeriod.Day(day));
                }
            }
        }
        else
        {
            var thisMonth = new DateOnly(today.Year, today.Month, 1);
            for (var back = Math.Max(1, catchUpMonths); back >= 1; back--)
            {
                var month = thisMonth.AddMonths(-back);
                var period = ReportPeriod.Month(month.Year, month.Month);
                if (period.End >= first)
                {
                    periods.Add(period);
                }
            }
        }

        return periods;
    }

    /// <summary>Produces every missing report of the cadence; returns the number of files written.</summary>
    public async Task<int> RunAsync(ScheduleCadence cadence, CancellationToken cancellationToken)
    {
        TimeZoneInfo zone;
        DateOnly? first;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            zone = await SiteTime.FirstSiteZoneAsync(db, cancellationToken);
            first = await FirstDataDayAsync(db, zone, cancellationToken);
        }

        var today = SiteTime.Today(time.GetUtcNow(), zone);
        var settings = options.Value;
        var produced = 0;
        var kinds = cadence == ScheduleCadence.Daily ? DailyKinds : MonthlyKinds;
        foreach (var period in DuePeriods(cadence, today, first, settings.CatchUpDays, settings.CatchUpMonths))
        {
            foreach (var kind in kinds)
            {
                foreach (var language in ReportText.Languages)
                {
                    var missing = new List<ReportFormat>();
                    foreach (var format in ReportGenerator.BothFormats)
                    {
                        if (!await store.ExistsAsync(kind, period, language, format, cancellationToken))
                        {
                            missing.Add(format);
                        }
                    }

                    if (missing.Count == 0)
                    {
                        continue;
                    }

                    try
                    {
                        await generator.GenerateAsync(kind, period, language, ReportGenerator.SchedulerUser, scheduled: true, missing, null, cancellationToken);
                        produced += missing.Count;
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // One failing report must not stop the others; the next run tries it again.
                        logger.LogError(ex, "Scheduled report {Kind} {Period} {Language} failed", kind, period.ToString(), language);
                    }
                }
            }
        }

        if (produced > 0)
        {
            logger.LogInformation("Scheduled {Cadence} reports: {Files} files written", cadence, produced);
        }

        return produced;
    }

    /// <summary>The site-local day of the earliest ledger entry, freeze or acquisition event; null when there is none.</summary>
    internal static async Task<DateOnly?> FirstDataDayAsync(PrepaidDb db, TimeZoneInfo zone, CancellationToken cancellationToken)
    {
        DateTimeOffset?[] firsts =
        [
            await db.LedgerEntries.MinAsync(e => (DateTimeOffset?)e.OccurredAt, cancellationToken),
            await db.FreezeReadings.MinAsync(f => (DateTimeOffset?)f.At, cancellationToken),
            await db.MeterEvents.MinAsync(e => (DateTimeOffset?)e.At, cancellationToken),
        ];
        return firsts.Where(f => f is not null).Min() is { } earliest ? SiteTime.Today(earliest, zone) : null;
    }
}
