using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class AlarmJournalEntryConfiguration : IEntityTypeConfiguration<AlarmJournalEntry>
{
    public void Configure(EntityTypeBuilder<AlarmJournalEntry> b)
    {
        b.Property(x => x.User).HasMaxLength(100);
        b.Property(x => x.Comment).HasMaxLength(500);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.Permit).HasMaxLength(100);
        b.Property(x => x.SuppressedBy).HasMaxLength(64);
        // One record per sequence number: a doubled or lost transition cannot be stored.
        b.HasIndex(x => new { x.AlarmId, x.Sequence }).IsUnique();
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.SourceKind, x.SourceId, x.At });
        b.HasOne<Alarm>().WithMany().HasForeignKey(x => x.AlarmId).OnDelete(DeleteBehavior.Restrict);
    }
}
