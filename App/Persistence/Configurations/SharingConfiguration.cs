using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Prepaid.App.Persistence.Entities;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class SharingRuleConfiguration : IEntityTypeConfiguration<SharingRule>
{
    public void Configure(EntityTypeBuilder<SharingRule> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.UpdatedBy).HasMaxLength(100);
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Tenants).WithOne().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Meters).WithOne().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SharingRuleTenantConfiguration : IEntityTypeConfiguration<SharingRuleTenant>
{
    public void Configure(EntityTypeBuilder<SharingRuleTenant> b)
    {
        b.HasIndex(x => new { x.RuleId, x.TenantId }).IsUnique();
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SharingRuleMeterConfiguration : IEntityTypeConfiguration<SharingRuleMeter>
{
    public void Configure(EntityTypeBuilder<SharingRuleMeter> b)
    {
        b.HasIndex(x => new { x.RuleId, x.MeterId }).IsUnique();
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SharingRunConfiguration : IEntityTypeConfiguration<SharingRun>
{
    public void Configure(EntityTypeBuilder<SharingRun> b)
    {
        b.Property(x => x.Error).HasMaxLength(1000);
        // One decision per rule and month.
        b.HasIndex(x => new { x.RuleId, x.Month }).IsUnique();
        b.HasIndex(x => x.Month);
        b.HasOne<SharingRule>().WithMany().HasForeignKey(x => x.RuleId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Parts).WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Meters).WithOne().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SharingRunPartConfiguration : IEntityTypeConfiguration<SharingRunPart>
{
    // Shares and exact amounts are shown with 8 decimals; both providers store them as integers of 1e-8.
    private static readonly ValueConverter<decimal, long> EightDecimals = new(
        v => (long)(decimal.Round(v, 8, MidpointRounding.AwayFromZero) * 100_000_000m),
        v => v / 100_000_000m);

    public void Configure(EntityTypeBuilder<SharingRunPart> b)
    {
        b.Property(x => x.Share).HasConversion(EightDecimals);
        b.Property(x => x.ExactAmount).HasConversion(EightDecimals);
        b.Property(x => x.IdempotencyKey).HasMaxLength(128);
        b.Property(x => x.Reason).HasMaxLength(500);
        b.HasIndex(x => new { x.RunId, x.TenantId }).IsUnique();
        b.HasIndex(x => x.TenantId);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class SharingRunMeterConfiguration : IEntityTypeConfiguration<SharingRunMeter>
{
    public void Configure(EntityTypeBuilder<SharingRunMeter> b)
    {
        b.HasIndex(x => new { x.RunId, x.MeterId }).IsUnique();
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}
