using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Prepaid.App.Persistence.Entities;
namespace Prepaid.App.Persistence.Configurations;

internal sealed class GeneratedReportConfiguration : IEntityTypeConfiguration<GeneratedReport>
{
    public void Configure(EntityTypeBuilder<GeneratedReport> b)
    {
        b.Property(x => x.Language).HasMaxLength(16);
        b.Property(x => x.GeneratedBy).HasMaxLength(100);
        b.Property(x => x.FilePath).HasMaxLength(400);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Ignore(x => x.Period);
        // Two writers racing for the same version: the database lets one win, the other takes the next number.
        b.HasIndex(x => new { x.Kind, x.PeriodStart, x.PeriodEnd, x.Language, x.Format, x.Version }).IsUnique();
        b.HasIndex(x => x.GeneratedAt);
    }
}
