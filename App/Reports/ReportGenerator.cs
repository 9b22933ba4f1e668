using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.App.Kernel.Reporting;
using Prepaid.App.Kernel.Security;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports;

/// <summary>A report request that cannot be served; <see cref="Key"/> is the resource key of the reason.</summary>
public sealed class ReportRequestException(string key) : Exception(key)
{
    public string Key { get; } = key;
}

/// <summary>Builds a report from the database and stores it as PDF and XLSX.</summary>
public sealed class ReportGenerator(
    IDbContextFactory<PrepaidDb> factory,
    IEnumerable<IReportSource> sources,
    ReportStore store,
    TimeProvider time,
    ILogger<ReportGenerator> logger)
{
    public const string SchedulerUser = "scheduler";

    public static readonly IReadOnlyList<ReportFormat> BothFormats = [ReportFormat.Pdf, ReportFormat.Xlsx];

    /// <summary>On-demand generation for a signed-in user: checked against the user's permissions here, on the server.</summary>
    public Task<IReadOnlyList<GeneratedReport>> RequestAsync(
        ClaimsPrincipal user, ReportKind kind, ReportPeriod period, string language, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        user.Demand(kind.RequiredPermission());
        return GenerateAsync(kind, period, language, user.Identity?.Name ?? "?", scheduled: false, BothFormats, progress, cancellationToken);
    }

    /// <summary>Builds the report once and stores each format as its next version.</summary>
    public async Task<IReadOnlyList<GeneratedReport>> GenerateAsync(
        ReportKind kind, ReportPeriod period, string language, string generatedBy, bool scheduled,
        IReadOnlyList<ReportFormat> formats, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var document = await BuildAsync(kind, period, language, generatedBy, progress is null ? null : new Scaled(progress, 0, 0.6), cancellationToken);
        var stored = new List<GeneratedReport>();
        for (var i = 0; i < formats.Count; i++)
        {
            var content = await Task.Run(() => ReportWriters.Write(document, formats[i]), cancellationToken);
            stored.Add(await store.SaveAsync(kind, period, language, formats[i], content, time.GetUtcNow(), generatedBy, scheduled, cancellationToken));
            progress?.Report(0.6 + (0.4 * (i + 1) / formats.Count));
        }

        logger.LogInformation("Generated {Kind} {Period} {Language} version {Version} for {User}",
            kind, period.ToString(), language, stored.FirstOrDefault()?.Version, generatedBy);
        return stored;
    }

    /// <summary>The report's tables in one language, without storing anything.</summary>
    public async Task<ReportDocument> BuildAsync(
        ReportKind kind, ReportPeriod period, string language, string generatedBy, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ReportRequestException("Reports.Error.Kind");
        }

        if (period.Problem(kind) is { } problem)
        {
            throw new ReportRequestException(problem);
        }

        if (!ReportText.Languages.Contains(language))
        {
            throw new ReportRequestException("Reports.Error.Language");
        }

        var source = sources.FirstOrDefault(s => s.Handles(kind)) ?? throw new ReportRequestException("Reports.Error.Kind");
        string siteName;
        TimeZoneInfo zone;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var site = await db.Sites.AsNoTracking().OrderBy(s => s.Id).Select(s => new { s.Name, s.TimeZoneId }).FirstOrDefaultAsync(cancellationToken);
            siteName = site?.Name ?? "";
            zone = SiteTime.Zone(site?.TimeZoneId);
        }

        var context = new ReportContext
        {
            Kind = kind,
            Period = period,
            Zone = zone,
            SiteName = siteName,
            Text = ReportText.For(language),
            GeneratedAt = time.GetUtcNow(),
            GeneratedBy = generatedBy,
        };
        return await source.BuildAsync(context, progress, cancellationToken);
    }

    private sealed class Scaled(IProgress<double> inner, double from, double to) : IProgress<double>
    {
        public void Report(double value) => inner.Report(from + ((to - from) * Math.Clamp(value, 0, 1)));
    }
}
