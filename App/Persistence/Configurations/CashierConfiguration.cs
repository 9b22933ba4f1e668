using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class ReceiptConfiguration : IEntityTypeConfiguration<Receipt>
{
    public void Configure(EntityTypeBuilder<Receipt> b)
    {
        b.Property(x => x.Number).HasMaxLength(32);
        b.Property(x => x.OrderKey).HasMaxLength(64);
        b.Property(x => x.LedgerEntryKey).HasMaxLength(128);
        b.Property(x => x.IssuedBy).HasMaxLength(100);
        b.HasIndex(x => x.Number).IsUnique();
        // The gapless numbering's last guard: one receipt per (day, sequence).
        b.HasIndex(x => new { x.Day, x.Sequence }).IsUnique();
        b.HasIndex(x => x.OrderKey).IsUnique();
        b.HasIndex(x => x.LedgerEntryKey).IsUnique();
        b.HasIndex(x => new { x.IssuedBy, x.Day });
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class RefundRequestConfiguration : IEntityTypeConfiguration<RefundRequest>
{
    public void Configure(EntityTypeBuilder<RefundRequest> b)
    {
        b.Property(x => x.TargetEntryKey).HasMaxLength(128);
        b.Property(x => x.LedgerEntryKey).HasMaxLength(128);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.DecisionNote).HasMaxLength(500);
        b.Property(x => x.RequestedBy).HasMaxLength(100);
        b.Property(x => x.DecidedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.State, x.RequestedAt });
        b.HasIndex(x => new { x.RequestedBy, x.State });
        b.HasIndex(x => x.AccountId);
        b.Property(x => x.VoucherNumber).HasMaxLength(32);
        // Numbers are taken under the receipt book's gate; the index is the last guard against a duplicate.
        b.HasIndex(x => x.VoucherNumber).IsUnique();
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CashierDayCloseConfiguration : IEntityTypeConfiguration<CashierDayClose>
{
    public void Configure(EntityTypeBuilder<CashierDayClose> b)
    {
        b.Property(x => x.Cashier).HasMaxLength(100);
        b.HasIndex(x => new { x.Cashier, x.Day }).IsUnique();
    }
}
