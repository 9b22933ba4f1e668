using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class SiteConfiguration : IEntityTypeConfiguration<Site>
{
    public void Configure(EntityTypeBuilder<Site> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.TimeZoneId).HasMaxLength(64);
        b.HasMany(x => x.Transformers).WithOne().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Shafts).WithOne().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TransformerConfiguration : IEntityTypeConfiguration<Transformer>
{
    public void Configure(EntityTypeBuilder<Transformer> b)
    {
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.SiteId, x.Code }).IsUnique();
    }
}

internal sealed class ShaftConfiguration : IEntityTypeConfiguration<Shaft>
{
    public void Configure(EntityTypeBuilder<Shaft> b)
    {
        b.Property(x => x.Code).HasMaxLength(32);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => new { x.SiteId, x.Code }).IsUnique();
        b.HasOne<Transformer>().WithMany().HasForeignKey(x => x.TransformerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Gateways).WithOne().HasForeignKey(x => x.ShaftId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class GatewayConfiguration : IEntityTypeConfiguration<Gateway>
{
    public void Configure(EntityTypeBuilder<Gateway> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.Property(x => x.Host).HasMaxLength(253);
        b.HasIndex(x => new { x.SiteId, x.Name }).IsUnique();
        b.HasOne<Site>().WithMany().HasForeignKey(x => x.SiteId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Buses).WithOne().HasForeignKey(x => x.GatewayId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BusConfiguration : IEntityTypeConfiguration<Bus>
{
    public void Configure(EntityTypeBuilder<Bus> b)
    {
        b.Property(x => x.Name).HasMaxLength(100);
        b.HasIndex(x => new { x.GatewayId, x.PortNumber }).IsUnique();
        b.HasMany(x => x.Meters).WithOne().HasForeignKey(x => x.BusId).OnDelete(DeleteBehavior.Restrict);
    }
}
