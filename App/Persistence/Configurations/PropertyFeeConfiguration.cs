using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.App.Persistence.Entities;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class PropertyFeeSettingConfiguration : IEntityTypeConfiguration<PropertyFeeSetting>
{
    public void Configure(EntityTypeBuilder<PropertyFeeSetting> b)
    {
        b.Property(x => x.UpdatedBy).HasMaxLength(100);
        b.HasIndex(x => x.TenantId).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PropertyFeeRunConfiguration : IEntityTypeConfiguration<PropertyFeeRun>
{
    public void Configure(EntityTypeBuilder<PropertyFeeRun> b)
    {
        b.Property(x => x.RunBy).HasMaxLength(100);
        // One run per site and month: two job runs at once resume the same run.
        b.HasIndex(x => new { x.SiteId, x.Month }).IsUnique();
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PropertyFeeRunItemConfiguration : IEntityTypeConfiguration<PropertyFeeRunItem>
{
    public void Configure(EntityTypeBuilder<PropertyFeeRunItem> b)
    {
        b.Property(x => x.Basis).HasMaxLength(200);
        b.Property(x => x.IdempotencyKey).HasMaxLength(128);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasIndex(x => new { x.RunId, x.TenantId }).IsUnique();
        b.HasIndex(x => x.TenantId);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}
