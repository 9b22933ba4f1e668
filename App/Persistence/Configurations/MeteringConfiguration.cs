using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence.Configurations;

internal sealed class MeterLiveStateConfiguration : IEntityTypeConfiguration<MeterLiveState>
{
    public void Configure(EntityTypeBuilder<MeterLiveState> b)
    {
        b.HasKey(x => x.MeterId);
        b.Property(x => x.MeterId).ValueGeneratedNever();
        b.Property(x => x.LastError).HasMaxLength(300);
        b.HasOne<Meter>().WithOne().HasForeignKey<MeterLiveState>(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class IntervalEnergyConfiguration : IEntityTypeConfiguration<IntervalEnergy>
{
    public void Configure(EntityTypeBuilder<IntervalEnergy> b)
    {
        // One row per meter and interval: a later reading adds to the row, never a second one.
        b.HasIndex(x => new { x.MeterId, x.IntervalStart }).IsUnique();
        b.HasIndex(x => x.IntervalStart);
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FreezeReadingConfiguration : IEntityTypeConfiguration<FreezeReading>
{
    public void Configure(EntityTypeBuilder<FreezeReading> b)
    {
        b.HasIndex(x => new { x.MeterId, x.Kind, x.Period }).IsUnique();
        b.HasIndex(x => new { x.Kind, x.Period });
        b.HasOne<Meter>().WithMany().HasForeignKey(x => x.MeterId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeterEventConfiguration : IEntityTypeConfiguration<MeterEvent>
{
    public void Configure(EntityTypeBuilder<MeterEvent> b)
    {
        b.Property(x => x.Detail).HasMaxLength(500);
        b.HasIndex(x => x.At);
        b.HasIndex(x => new { x.SourceKind, x.SourceId, x.At });
    }
}
