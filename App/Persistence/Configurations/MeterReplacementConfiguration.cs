using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.App.Persistence.Entities;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class MeterReplacementConfiguration : IEntityTypeConfiguration<MeterReplacement>
{
    public void Configure(EntityTypeBuilder<MeterReplacement> b)
    {
        b.Property(x => x.ReplacedBy).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.OldSerialNumber).HasMaxLength(64);
        b.Property(x => x.NewSerialNumber).HasMaxLength(64);
        b.HasIndex(x => new { x.MeterId, x.ReplacedAt });
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PendingBalanceTransferConfiguration : IEntityTypeConfiguration<PendingBalanceTransfer>
{
    public void Configure(EntityTypeBuilder<PendingBalanceTransfer> b)
    {
        b.Property(x => x.IdempotencyKey).HasMaxLength(128);
        b.Property(x => x.Error).HasMaxLength(500);
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.HasIndex(x => x.ReplacementId).IsUnique();
        b.HasIndex(x => new { x.State, x.MeterId });
        b.HasOne<MeterReplacement>().WithMany().HasForeignKey(x => x.ReplacementId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
