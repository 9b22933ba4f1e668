using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Prepaid.App.Persistence;
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
    public DbSet<Prepaid.App.Fees.PropertyFeeSetting> PropertyFeeSettings => Set<Prepaid.App.Fees.PropertyFeeSetting>();
    public DbSet<Prepaid.App.Fees.PropertyFeeRun> PropertyFeeRuns => Set<Prepaid.App.Fees.PropertyFeeRun>();
    public DbSet<Prepaid.App.Fees.PropertyFeeRunItem> PropertyFeeRunItems => Set<Prepaid.App.Fees.PropertyFeeRunItem>();
    public DbSet<Prepaid.App.Sharing.SharingRule> SharingRules => Set<Prepaid.App.Sharing.SharingRule>();
    public DbSet<Prepaid.App.Sharing.SharingRuleTenant> SharingRuleTenants => Set<Prepaid.App.Sharing.SharingRuleTenant>();
    public DbSet<Prepaid.App.Sharing.SharingRuleMeter> SharingRuleMeters => Set<Prepaid.App.Sharing.SharingRuleMeter>();
    public DbSet<Prepaid.App.Sharing.SharingRun> SharingRuns => Set<Prepaid.App.Sharing.SharingRun>();
    public DbSet<Prepaid.App.Sharing.SharingRunPart> SharingRunParts => Set<Prepaid.App.Sharing.SharingRunPart>();
    public DbSet<Prepaid.App.Sharing.SharingRunMeter> SharingRunMeters => Set<Prepaid.App.Sharing.SharingRunMeter>();
    public DbSet<Prepaid.App.Replacement.MeterReplacement> MeterReplacements => Set<Prepaid.App.Replacement.MeterReplacement>();
    public DbSet<Prepaid.App.Replacement.PendingBalanceTransfer> PendingBalanceTransfers => Set<Prepaid.App.Replacement.PendingBalanceTransfer>();
    public DbSet<RelayPolicyRecord> RelayPolicyRecords => Set<RelayPolicyRecord>();
    public DbSet<TenantNotice> TenantNotices => Set<TenantNotice>();
    public DbSet<PlatformBillingCursor> PlatformBillingCursors => Set<PlatformBillingCursor>();
    public DbSet<RechargeDelivery> RechargeDeliveries => Set<RechargeDelivery>();
    public DbSet<MeterSettingsPush> MeterSettingsPushes => Set<MeterSettingsPush>();
    public DbSet<ReconciliationDiscrepancy> ReconciliationDiscrepancies => Set<ReconciliationDiscrepancy>();
    public DbSet<ReconciliationSnapshot> ReconciliationSnapshots => Set<ReconciliationSnapshot>();
    public DbSet<Reports.GeneratedReport> GeneratedReports => Set<Reports.GeneratedReport>();
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
