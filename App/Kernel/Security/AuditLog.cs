using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.Domain.Model;

namespace Prepaid.App.Kernel.Security;

/// <summary>Writes append-only audit entries; nothing in the application edits or deletes them.</summary>
public sealed class AuditLog(IDbContextFactory<PrepaidDb> factory, TimeProvider time)
{
    // Chinese names stay readable in the stored JSON and in exports; the text is never emitted as HTML.
    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task WriteAsync(AuditKind kind, string action, string userName, string? address,
        string? target = null, object? before = null, object? after = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        db.AuditEntries.Add(new AuditEntry
        {
            At = time.GetUtcNow(),
            Kind = kind,
            Action = action,
            UserName = userName,
            Address = address,
            Target = target,
            Before = before is null ? null : JsonSerializer.Serialize(before, Json),
            After = after is null ? null : JsonSerializer.Serialize(after, Json),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}
