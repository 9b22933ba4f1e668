using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class RelayPolicyRecordConfiguration : IEntityTypeConfiguration<RelayPolicyRecord>
{
    public void Configure(EntityTypeBuilder<RelayPolicyRecord> b)
    {
        b.HasKey(x => x.MeterId);
        b.Property(x => x.LastReason).HasMaxLength(60);
        b.HasOne<Meter>().WithOne().HasForeignKey<RelayPolicyRecord>(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TenantNoticeConfiguration : IEntityTypeConfiguration<TenantNotice>
{
    public void Configure(EntityTypeBuilder<TenantNotice> b)
    {
        b.Property(x => x.Channel).HasMaxLength(20);
        b.HasIndex(x => new { x.TenantId, x.At });
        b.HasIndex(x => x.Channel);
        b.HasOne<Tenant>().WithMany().HasForeignKey(x => x.TenantId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Account>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class PlatformBillingCursorConfiguration : IEntityTypeConfiguration<PlatformBillingCursor>
{
    public void Configure(EntityTypeBuilder<PlatformBillingCursor> b)
    {
        b.HasKey(x => x.MeterId);
        b.HasOne<Meter>().WithOne().HasForeignKey<PlatformBillingCursor>(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeterSettingsPushConfiguration : IEntityTypeConfiguration<MeterSettingsPush>
{
    public void Configure(EntityTypeBuilder<MeterSettingsPush> b)
    {
        b.HasKey(x => x.MeterId);
        b.Property(x => x.ParametersFingerprint).HasMaxLength(200);
        b.Property(x => x.PowerLimitFingerprint).HasMaxLength(100);
        b.HasOne<Meter>().WithOne().HasForeignKey<MeterSettingsPush>(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}
