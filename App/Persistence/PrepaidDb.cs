using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Identity;
using Prepaid.Domain.Model;

namespace Prepaid.App.Persistence;

/// <summary>
/// The platform's one model. Each provider derives its own context type only so that it can carry its
/// own migrations set and storage conventions (see <see cref="SqliteDb"/> and <see cref="SqlServerDb"/>).
/// </summary>
public abstract class PrepaidDb(DbContextOptions options) : IdentityDbContext<PrepaidUser, IdentityRole, string>(options)
{
    public DbSet<Site> Sites => Set<Site>();
    public DbSet<Transformer> Transformers => Set<Transformer>();
    public DbSet<Shaft> Shafts => Set<Shaft>();
    public DbSet<Gateway> Gateways => Set<Gateway>();
    public DbSet<Bus> Buses => Set<Bus>();
    public DbSet<Meter> Meters => Set<Meter>();
    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<Account> Accounts => Set<Account>();
    public DbSet<Tariff> Tariffs => Set<Tariff>();
    public DbSet<TariffVersion> TariffVersions => Set<TariffVersion>();
    public DbSet<LedgerEntry> LedgerEntries => Set<LedgerEntry>();
    public DbSet<Alarm> Alarms => Set<Alarm>();
    public DbSet<AlarmJournalEntry> AlarmJournal => Set<AlarmJournalEntry>();
    public DbSet<MeterCommand> MeterCommands => Set<MeterCommand>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<MeterLiveState> MeterLiveStates => Set<MeterLiveState>();
    public DbSet<IntervalEnergy> IntervalEnergies => Set<IntervalEnergy>();
    public DbSet<FreezeReading> FreezeReadings => Set<FreezeReading>();
    public DbSet<MeterEvent> MeterEvents => Set<MeterEvent>();
    public DbSet<KeepPowerPeriod> KeepPowerPeriods => Set<KeepPowerPeriod>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<PrepaidUser>(b => b.Property(u => u.DisplayName).HasMaxLength(100));
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(PrepaidDb).Assembly,
            t => t.Namespace == typeof(Configurations.MeterConfiguration).Namespace);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        AppendOnlyGuard.Check(ChangeTracker);
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        AppendOnlyGuard.Check(ChangeTracker);
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }
}
