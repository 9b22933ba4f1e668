using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
using Prepaid.App.Persistence.Entities;
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
    public DbSet<Prepaid.App.Persistence.Entities.PropertyFeeSetting> PropertyFeeSettings => Set<Prepaid.App.Persistence.Entities.PropertyFeeSetting>();
    public DbSet<Prepaid.App.Persistence.Entities.PropertyFeeRun> PropertyFeeRuns => Set<Prepaid.App.Persistence.Entities.PropertyFeeRun>();
    public DbSet<Prepaid.App.Persistence.Entities.PropertyFeeRunItem> PropertyFeeRunItems => Set<Prepaid.App.Persistence.Entities.PropertyFeeRunItem>();
    public DbSet<Prepaid.App.Persistence.Entities.SharingRule> SharingRules => Set<Prepaid.App.Persistence.Entities.SharingRule>();
    public DbSet<Prepaid.App.Persistence.Entities.SharingRuleTenant> SharingRuleTenants => Set<Prepaid.App.Persistence.Entities.SharingRuleTenant>();
    public DbSet<Prepaid.App.Persistence.Entities.SharingRuleMeter> SharingRuleMeters => Set<Prepaid.App.Persistence.Entities.SharingRuleMeter>();
    public DbSet<Prepaid.App.Persistence.Entities.SharingRun> SharingRuns => Set<Prepaid.App.Persistence.Entities.SharingRun>();
    public DbSet<Prepaid.App.Persistence.Entities.SharingRunPart> SharingRunParts => Set<Prepaid.App.Persistence.Entities.SharingRunPart>();
    public DbSet<Prepaid.App.Persistence.Entities.SharingRunMeter> SharingRunMeters => Set<Prepaid.App.Persistence.Entities.SharingRunMeter>();
    public DbSet<Prepaid.App.Persistence.Entities.MeterReplacement> MeterReplacements => Set<Prepaid.App.Persistence.Entities.MeterReplacement>();
    public DbSet<Prepaid.App.Persistence.Entities.PendingBalanceTransfer> PendingBalanceTransfers => Set<Prepaid.App.Persistence.Entities.PendingBalanceTransfer>();
    public DbSet<RelayPolicyRecord> RelayPolicyRecords => Set<RelayPolicyRecord>();
    public DbSet<TenantNotice> TenantNotices => Set<TenantNotice>();
    public DbSet<PlatformBillingCursor> PlatformBillingCursors => Set<PlatformBillingCursor>();
    public DbSet<RechargeDelivery> RechargeDeliveries => Set<RechargeDelivery>();
    public DbSet<Prepaid.App.Persistence.Entities.PaymentSettlement> PaymentSettlements => Set<Prepaid.App.Persistence.Entities.PaymentSettlement>();
    public DbSet<MeterSettingsPush> MeterSettingsPushes => Set<MeterSettingsPush>();
    public DbSet<ReconciliationDiscrepancy> ReconciliationDiscrepancies => Set<ReconciliationDiscrepancy>();
    public DbSet<ReconciliationSnapshot> ReconciliationSnapshots => Set<ReconciliationSnapshot>();
    public DbSet<Prepaid.App.Persistence.Entities.GeneratedReport> GeneratedReports => Set<Prepaid.App.Persistence.Entities.GeneratedReport>();
    public DbSet<Receipt> Receipts => Set<Receipt>();
    public DbSet<RefundRequest> RefundRequests => Set<RefundRequest>();
    public DbSet<CashierDayClose> CashierDayCloses => Set<CashierDayClose>();

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
