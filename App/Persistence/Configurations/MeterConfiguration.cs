using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class MeterConfiguration : IEntityTypeConfiguration<Meter>
{
    public void Configure(EntityTypeBuilder<Meter> b)
    {
        b.Property(x => x.SerialNumber).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.Location).HasMaxLength(200);
        // Two meters answering the same unit id on one bus would corrupt each other's readings.
        b.HasIndex(x => new { x.BusId, x.UnitId }).IsUnique();
        b.HasIndex(x => x.SerialNumber).IsUnique();
        // The meters grid filters and sorts on these with 10,000 rows.
        b.HasIndex(x => x.ShaftId);
        b.HasIndex(x => new { x.Kind, x.Role });
        b.HasIndex(x => x.BillingMode);
        b.HasIndex(x => x.Name);
        b.HasIndex(x => x.AccountId);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Shaft>().WithMany().HasForeignKey(x => x.ShaftId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Transformer>().WithMany().HasForeignKey(x => x.TransformerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Tariff>().WithMany().HasForeignKey(x => x.TariffId).OnDelete(DeleteBehavior.Restrict);
    }
}
