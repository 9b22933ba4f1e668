using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class LedgerEntryConfiguration : IEntityTypeConfiguration<LedgerEntry>
{
    public void Configure(EntityTypeBuilder<LedgerEntry> b)
    {
        b.Property(x => x.IdempotencyKey).HasMaxLength(128);
        b.Property(x => x.RecordedBy).HasMaxLength(100);
        b.Property(x => x.CauseType).HasMaxLength(32);
        b.Property(x => x.CauseId).HasMaxLength(64);
        b.Property(x => x.Note).HasMaxLength(500);
        // The database, not the caller, is the last line against a doubled entry.
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.HasIndex(x => new { x.AccountId, x.OccurredAt });
        // Sales and day-close queries read a period across all accounts; balances sum one account's amounts.
        b.HasIndex(x => x.OccurredAt);
        b.HasIndex(x => new { x.AccountId, x.Amount });
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AlarmConfiguration : IEntityTypeConfiguration<Alarm>
{
    public void Configure(EntityTypeBuilder<Alarm> b)
    {
        b.Property(x => x.Message).HasMaxLength(500);
        b.Property(x => x.AcknowledgedBy).HasMaxLength(100);
        b.Property(x => x.ShelvedBy).HasMaxLength(100);
        b.Property(x => x.ShelveReason).HasMaxLength(500);
        b.Property(x => x.SuppressedBy).HasMaxLength(64);
        b.Property(x => x.OutOfServicePermit).HasMaxLength(100);
        b.Property(x => x.OutOfServiceBy).HasMaxLength(100);
        // One alarm per source and condition; its activations are journal entries.
        b.HasIndex(x => new { x.SourceKind, x.SourceId, x.Condition }).IsUnique();
        b.HasIndex(x => x.State);
        b.HasIndex(x => x.ActivatedAt);
    }
}

internal sealed class MeterCommandConfiguration : IEntityTypeConfiguration<MeterCommand>
{
    public void Configure(EntityTypeBuilder<MeterCommand> b)
    {
        b.Property(x => x.RequestedBy).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.Error).HasMaxLength(500);
        b.HasIndex(x => new { x.MeterId, x.RequestedAt });
        b.HasIndex(x => x.State);
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.Property(x => x.UserName).HasMaxLength(100);
        b.Property(x => x.Address).HasMaxLength(64);
        b.Property(x => x.Action).HasMaxLength(100);
        b.Property(x => x.Target).HasMaxLength(200);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.UserName, x.At });
        b.HasIndex(x => new { x.Kind, x.At });
    }
}
