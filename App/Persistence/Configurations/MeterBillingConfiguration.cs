using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.App.Persistence.Entities;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class RechargeDeliveryConfiguration : IEntityTypeConfiguration<RechargeDelivery>
{
    public void Configure(EntityTypeBuilder<RechargeDelivery> b)
    {
        b.Property(x => x.LedgerKey).HasMaxLength(200);
        b.Property(x => x.SplitBasis).HasMaxLength(40);
        b.Property(x => x.Detail).HasMaxLength(500);
        // One part per entry and meter: a second planner finds the first one's rows instead of adding its own.
        b.HasIndex(x => new { x.LedgerEntryId, x.MeterId }).IsUnique();
        b.HasIndex(x => new { x.MeterId, x.State });
        b.HasIndex(x => x.MeterCommandId).IsUnique();
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(x => x.LedgerEntryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<MeterCommand>().WithMany().HasForeignKey(x => x.MeterCommandId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PaymentSettlementConfiguration : IEntityTypeConfiguration<PaymentSettlement>
{
    public void Configure(EntityTypeBuilder<PaymentSettlement> b)
    {
        b.Property(x => x.IdempotencyKey).HasMaxLength(300);
        b.Property(x => x.ChargeKey).HasMaxLength(200);
        b.HasIndex(x => x.IdempotencyKey).IsUnique();
        b.HasIndex(x => x.PaymentEntryId);
        b.HasIndex(x => x.AccountId);
        b.HasOne<LedgerEntry>().WithMany().HasForeignKey(x => x.PaymentEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReconciliationDiscrepancyConfiguration : IEntityTypeConfiguration<ReconciliationDiscrepancy>
{
    public void Configure(EntityTypeBuilder<ReconciliationDiscrepancy> b)
    {
        b.Property(x => x.Detail).HasMaxLength(500);
        b.HasIndex(x => new { x.RunDate, x.MeterId, x.Kind }).IsUnique();
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReconciliationSnapshotConfiguration : IEntityTypeConfiguration<ReconciliationSnapshot>
{
    public void Configure(EntityTypeBuilder<ReconciliationSnapshot> b)
    {
        b.HasIndex(x => new { x.MeterId, x.RunDate }).IsUnique();
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}
