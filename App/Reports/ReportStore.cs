using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Persistence;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Reports;

/// <summary>
/// Report files under the report directory, indexed by <see cref="GeneratedReport"/> rows. Files are written
/// before their row (a crash leaves at worst an unlisted file, never a row without its file) and never
/// overwritten: a regeneration is a new version with its own file.
/// </summary>
public sealed class ReportStore(IDbContextFactory<PrepaidDb> factory, IOptions<ReportsOptions> options, IOptions<DatabaseOptions> database)
{
    public string Root { get; } = Path.GetFullPath(string.IsNullOrWhiteSpace(options.Value.Directory)
        ? Path.Combine(database.Value.DataDirectory, "reports")
        : options.Value.Directory);

    /// <summary>True when any version of the report exists in that format.</summary>
    public async Task<bool> ExistsAsync(ReportKind kind, ReportPeriod period, string language, ReportFormat format, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.GeneratedReports.AnyAsync(r => r.Kind == kind && r.PeriodStart == period.Start && r.PeriodEnd == period.End
            && r.Language == language && r.Format == format, cancellationToken);
    }

    /// <summary>Writes the file and records it as the next version of its (kind, period, language, format).</summary>
    public async Task<GeneratedReport> SaveAsync(
        ReportKind kind, ReportPeriod period, string language, ReportFormat format, byte[] content,
        DateTimeOffset generatedAt, string generatedBy, bool scheduled, CancellationToken cancellationToken)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(content));
        for (var attempt = 0; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var version = 1 + (await db.GeneratedReports
                .Where(r => r.Kind == kind && r.PeriodStart == period.Start && r.PeriodEnd == period.End && r.Language == language && r.Format == format)
                .MaxAsync(r => (int?)r.Version, cancellationToken) ?? 0);
            var relative = string.Create(CultureInfo.InvariantCulture,
                $"{kind}/{period.Start:yyyy-MM}/{kind}-{period.Start:yyyyMMdd}-{period.End:yyyyMMdd}-{language}-v{version}{ReportWriters.Extension(format)}");
            var path = FullPath(relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None))
                {
                    await file.WriteAsync(content, cancellationToken);
                }
            }
            catch (IOException) when (File.Exists(path) && attempt < 5)
            {
                // Another writer took this version a moment ago: take the next one.
                continue;
            }

            var row = new GeneratedReport
            {
                Kind = kind,
                PeriodStart = period.Start,
                PeriodEnd = period.End,
                Language = language,
                Format = format,
                Version = version,
                GeneratedAt = generatedAt,
                GeneratedBy = generatedBy,
                Scheduled = scheduled,
                FilePath = relative,
                SizeBytes = content.LongLength,
                Sha256 = hash,
            };
            db.GeneratedReports.Add(row);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return row;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                File.Delete(path);
            }
        }
    }

    public async Task<GeneratedReport?> FindAsync(long id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.GeneratedReports.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
    }

    /// <summary>The newest reports first, only of the given kinds.</summary>
    public async Task<List<GeneratedReport>> ListAsync(IReadOnlyCollection<ReportKind> kinds, int take, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.GeneratedReports.AsNoTracking()
            .Where(r => kinds.Contains(r.Kind))
            .OrderByDescending(r => r.PeriodStart).ThenBy(r => r.Kind).ThenBy(r => r.Language).ThenByDescending(r => r.Version).ThenBy(r => r.Format)
            .Take(take)
            .ToListAsync(cancellationToken);
    }

    /// <summary>The file's bytes, or null when it is missing or no longer matches its recorded hash.</summary>
    public async Task<byte[]?> ReadAsync(GeneratedReport report, CancellationToken cancellationToken)
    {
        var path = FullPath(report.FilePath);
        if (!File.Exists(path))
        {
            return null;
        }

        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        return Convert.ToHexStringLower(SHA256.HashData(bytes)) == report.Sha256 ? bytes : null;
    }

    private string FullPath(string relative)
    {
        var path = Path.GetFullPath(Path.Combine(Root, relative));
        return path.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? path
            : throw new InvalidOperationException($"Report path '{relative}' leaves the report directory.");
    }
}
