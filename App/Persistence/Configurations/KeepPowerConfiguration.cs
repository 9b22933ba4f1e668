using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class KeepPowerPeriodConfiguration : IEntityTypeConfiguration<KeepPowerPeriod>
{
    public void Configure(EntityTypeBuilder<KeepPowerPeriod> b)
    {
        b.Property(x => x.GrantedBy).HasMaxLength(100);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.Property(x => x.EndedBy).HasMaxLength(100);
        b.HasIndex(x => new { x.MeterId, x.EndedAt });
        b.HasIndex(x => x.ExpiresAt);
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}
