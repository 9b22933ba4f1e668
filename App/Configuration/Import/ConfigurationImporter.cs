using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Prepaid.App.Identity;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;
using Prepaid.Domain.Security;

using Prepaid.App.Kernel.Contracts;
using Prepaid.App.Kernel.Security;

using Prepaid.App.Kernel.Validation;
namespace Prepaid.App.Configuration.Import;

/// <summary>
/// Imports a configuration workbook: the dry run shows every row's fate; apply re-plans inside one transaction and
/// writes everything or nothing, audited with the file's SHA-256. The Import permission is checked here.
/// </summary>
public sealed class ConfigurationImporter(
    IDbContextFactory<PrepaidDb> factory,
    IOptions<ImportOptions> options,
    ConfigurationChangeSignal signal,
    TimeProvider time,
    ILogger<ConfigurationImporter> logger)
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public ImportOptions Limits => options.Value;

    public Task<ImportPlan> DryRunAsync(ClaimsPrincipal actor, Stream file, string fileName, CancellationToken ct = default) =>
        RunAsync(actor, file, fileName, apply: false, null, ct);

    public Task<ImportPlan> ApplyAsync(ClaimsPrincipal actor, Stream file, string fileName, string? address, CancellationToken ct = default) =>
        RunAsync(actor, file, fileName, apply: true, address, ct);

    private async Task<ImportPlan> RunAsync(ClaimsPrincipal actor, Stream file, string fileName, bool apply, string? address, CancellationToken ct)
    {
        actor.Demand(Permission.Import);
        var limits = options.Value;
        using var content = await ReadLimitedAsync(file, limits.MaxFileBytes, ct);
        var plan = new ImportPlan
        {
            FileName = Path.GetFileName(fileName),
            Sha256 = content is null ? "" : Convert.ToHexStringLower(SHA256.HashData(content.GetBuffer().AsSpan(0, (int)content.Length))),
            At = time.GetUtcNow(),
        };
        if (content is null)
        {
            plan.FileErrors.Add(new ImportError(null, null, null, new ConfigurationError("", "TooBig", file.CanSeek ? file.Length : limits.MaxFileBytes + 1, limits.MaxFileBytes)));
            return plan;
        }

        // Reading is CPU work of up to seconds: off the caller's thread (a page's circuit stays free to cancel it).
        var (sheets, errors) = await Task.Run(() => WorkbookReader.Read(content, limits, ct), ct);
        plan.FileErrors.AddRange(errors);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = apply ? await db.Database.BeginTransactionAsync(ct) : null;
        var snapshot = await ConfigurationSnapshot.LoadAsync(db, ct);
        new ImportPlanner(snapshot, plan).Plan(sheets);
        if (!apply || plan.HasErrors)
        {
            return plan;
        }

        try
        {
            if (!plan.ChangesNothing)
            {
                await ImportApplier.ApplyAsync(db, snapshot, plan, ct);
            }

            db.AuditEntries.Add(new AuditEntry
            {
                At = plan.At,
                UserName = actor.Identity?.Name ?? "?",
                Address = address,
                Kind = AuditKind.ConfigurationChange,
                Action = "config.import",
                Target = "file:" + plan.FileName,
                After = JsonSerializer.Serialize(Summary(plan), Json),
            });
            await db.SaveChangesAsync(ct);
            await tx!.CommitAsync(ct);
            plan.Applied = true;
        }
        catch (DbUpdateException ex)
        {
            // Everything rolls back with the transaction; the reason is the database's.
            logger.LogWarning(ex, "Import of {File} refused by the database", plan.FileName);
            plan.FileErrors.Add(new ImportError(null, null, null, new ConfigurationError("", "Conflict", ex.InnerException?.Message ?? ex.Message)));
            return plan;
        }

        signal.Raise();
        logger.LogInformation("Imported {File} ({Sha256}): {New} new, {Changed} changed, {Unchanged} unchanged rows",
            plan.FileName, plan.Sha256, plan.Count(ImportRowStatus.New), plan.Count(ImportRowStatus.Changed), plan.Count(ImportRowStatus.Unchanged));
        return plan;
    }

    private static object Summary(ImportPlan plan) => new
    {
        file = plan.FileName,
        sha256 = plan.Sha256,
        sheets = plan.Rows.GroupBy(r => r.Sheet).ToDictionary(g => g.Key, g => new
        {
            @new = g.Count(r => r.Status == ImportRowStatus.New),
            changed = g.Count(r => r.Status == ImportRowStatus.Changed),
            unchanged = g.Count(r => r.Status == ImportRowStatus.Unchanged),
        }),
        // Enough to find what an import did; the full diff is in the file the hash names.
        rows = plan.Rows.Where(r => r.Status is ImportRowStatus.New or ImportRowStatus.Changed).Take(1000)
            .Select(r => $"{r.Sheet} {r.Row} {r.Status} {r.Key}: {string.Join("; ", r.Changes.Select(c => $"{c.Column} {c.Before} -> {c.After}"))}"),
    };

    /// <summary>The file in memory, or null when it is larger than the limit (a seekable file is not read at all then).</summary>
    private static async Task<MemoryStream?> ReadLimitedAsync(Stream file, long max, CancellationToken ct)
    {
        if (file.CanSeek && file.Length - file.Position > max)
        {
            return null;
        }

        var memory = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = await file.ReadAsync(buffer, ct)) > 0)
        {
            if (memory.Length + read > max)
            {
                await memory.DisposeAsync();
                return null;
            }

            memory.Write(buffer, 0, read);
        }

        memory.Position = 0;
        return memory;
    }
}
