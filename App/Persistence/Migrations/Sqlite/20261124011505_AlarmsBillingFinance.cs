using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AlarmsBillingFinance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Alarms_SourceKind_SourceId",
                table: "Alarms");

            migrationBuilder.AddColumn<bool>(
                name: "ConditionActive",
                table: "Alarms",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "LastChatterAt",
                table: "Alarms",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LastEventAt",
                table: "Alarms",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LatchPending",
                table: "Alarms",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Latching",
                table: "Alarms",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OutOfServiceBy",
                table: "Alarms",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutOfServicePermit",
                table: "Alarms",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "Alarms",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "ShelveReason",
                table: "Alarms",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShelvedBy",
                table: "Alarms",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "ShelvedUntil",
                table: "Alarms",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuppressedBy",
                table: "Alarms",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Unacknowledged",
                table: "Alarms",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AlarmJournal",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AlarmId = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceKind = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Condition = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    User = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Expiry = table.Column<long>(type: "INTEGER", nullable: true),
                    Permit = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SuppressedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FromState = table.Column<int>(type: "INTEGER", nullable: false),
                    ToState = table.Column<int>(type: "INTEGER", nullable: false),
                    Annunciated = table.Column<bool>(type: "INTEGER", nullable: false),
                    ConditionActive = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AlarmJournal", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AlarmJournal_Alarms_AlarmId",
                        column: x => x.AlarmId,
                        principalTable: "Alarms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CashierDayCloses",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Cashier = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ClosedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CashTotal = table.Column<long>(type: "INTEGER", nullable: false),
                    BankCardTotal = table.Column<long>(type: "INTEGER", nullable: false),
                    TransferTotal = table.Column<long>(type: "INTEGER", nullable: false),
                    RefundTotal = table.Column<long>(type: "INTEGER", nullable: false),
                    ReversalTotal = table.Column<long>(type: "INTEGER", nullable: false),
                    MovementCount = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CashierDayCloses", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "GeneratedReports",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodStart = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    PeriodEnd = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Format = table.Column<int>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    GeneratedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    GeneratedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Scheduled = table.Column<bool>(type: "INTEGER", nullable: false),
                    FilePath = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SizeBytes = table.Column<long>(type: "INTEGER", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GeneratedReports", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeterReplacements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    ReplacedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReplacedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    OldSerialNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OldUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    OldFinalReading = table.Column<long>(type: "INTEGER", nullable: false),
                    FinalConsumption = table.Column<long>(type: "INTEGER", nullable: false),
                    NewSerialNumber = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    NewUnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    NewInitialReading = table.Column<long>(type: "INTEGER", nullable: false),
                    CarriedBalance = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeterReplacements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MeterReplacements_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MeterSettingsPushes",
                columns: table => new
                {
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    ParametersFingerprint = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PowerLimitFingerprint = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ConfirmedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AttemptedAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeterSettingsPushes", x => x.MeterId);
                    table.ForeignKey(
                        name: "FK_MeterSettingsPushes_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PlatformBillingCursors",
                columns: table => new
                {
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    BilledUntil = table.Column<long>(type: "INTEGER", nullable: false),
                    UsageYear = table.Column<int>(type: "INTEGER", nullable: false),
                    UsageMonth = table.Column<int>(type: "INTEGER", nullable: false),
                    MonthToDate = table.Column<long>(type: "INTEGER", nullable: false),
                    YearToDate = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PlatformBillingCursors", x => x.MeterId);
                    table.ForeignKey(
                        name: "FK_PlatformBillingCursors_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PropertyFeeRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    RunBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    TenantsCharged = table.Column<int>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantsSkipped = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PropertyFeeRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PropertyFeeRuns_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PropertyFeeSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false),
                    Basis = table.Column<int>(type: "INTEGER", nullable: false),
                    Rate = table.Column<long>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PropertyFeeSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PropertyFeeSettings_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Receipts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: false),
                    OrderKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    LedgerEntryKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    IssuedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    IssuedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Receipts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Receipts_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RechargeDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    LedgerEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    LedgerKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    SplitBasis = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    MeterCommandId = table.Column<long>(type: "INTEGER", nullable: true),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RechargeDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RechargeDeliveries_LedgerEntries_LedgerEntryId",
                        column: x => x.LedgerEntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RechargeDeliveries_MeterCommands_MeterCommandId",
                        column: x => x.MeterCommandId,
                        principalTable: "MeterCommands",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_RechargeDeliveries_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationDiscrepancies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Expected = table.Column<long>(type: "INTEGER", nullable: true),
                    Reported = table.Column<long>(type: "INTEGER", nullable: true),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    FoundAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationDiscrepancies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReconciliationDiscrepancies_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReconciliationSnapshots",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    RunDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ReadAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RemainingYuan = table.Column<long>(type: "INTEGER", nullable: true),
                    PurchaseCount = table.Column<int>(type: "INTEGER", nullable: true),
                    Counter = table.Column<long>(type: "INTEGER", nullable: true),
                    SharpKwh = table.Column<long>(type: "INTEGER", nullable: true),
                    PeakKwh = table.Column<long>(type: "INTEGER", nullable: true),
                    FlatKwh = table.Column<long>(type: "INTEGER", nullable: true),
                    ValleyKwh = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReconciliationSnapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReconciliationSnapshots_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RefundRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    Method = table.Column<int>(type: "INTEGER", nullable: true),
                    TargetEntryKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    RequestedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    DecisionNote = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    LedgerEntryKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ClosesAccount = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RefundRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RefundRequests_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "RelayPolicyRecords",
                columns: table => new
                {
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Relay = table.Column<int>(type: "INTEGER", nullable: false),
                    TripCause = table.Column<int>(type: "INTEGER", nullable: true),
                    TrippedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastNotice = table.Column<int>(type: "INTEGER", nullable: false),
                    OverLimitSince = table.Column<long>(type: "INTEGER", nullable: true),
                    RelayChangedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EvaluatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastReason = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    OverPowerAlarm = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RelayPolicyRecords", x => x.MeterId);
                    table.ForeignKey(
                        name: "FK_RelayPolicyRecords_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SharingRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SiteId = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Key = table.Column<int>(type: "INTEGER", nullable: false),
                    LossAllowanceRate = table.Column<long>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharingRules_Sites_SiteId",
                        column: x => x.SiteId,
                        principalTable: "Sites",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "TenantNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: true),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Balance = table.Column<long>(type: "INTEGER", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TenantNotices", x => x.Id);
                    table.ForeignKey(
                        name: "FK_TenantNotices_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_TenantNotices_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PendingBalanceTransfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ReplacementId = table.Column<long>(type: "INTEGER", nullable: false),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    MeterCommandId = table.Column<long>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PendingBalanceTransfers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PendingBalanceTransfers_Accounts_AccountId",
                        column: x => x.AccountId,
                        principalTable: "Accounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PendingBalanceTransfers_MeterReplacements_ReplacementId",
                        column: x => x.ReplacementId,
                        principalTable: "MeterReplacements",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PendingBalanceTransfers_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PropertyFeeRunItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<int>(type: "INTEGER", nullable: false),
                    Fee = table.Column<long>(type: "INTEGER", nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    BalanceAfter = table.Column<long>(type: "INTEGER", nullable: true),
                    Covered = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PropertyFeeRunItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PropertyFeeRunItems_PropertyFeeRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "PropertyFeeRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PropertyFeeRunItems_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SharingRuleMeters",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingRuleMeters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharingRuleMeters_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SharingRuleMeters_SharingRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "SharingRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SharingRuleTenants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false),
                    KeyValue = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingRuleTenants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharingRuleTenants_SharingRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "SharingRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SharingRuleTenants_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SharingRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RuleId = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    CompletedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Key = table.Column<int>(type: "INTEGER", nullable: false),
                    PoolQuantity = table.Column<long>(type: "INTEGER", nullable: false),
                    Pool = table.Column<long>(type: "INTEGER", nullable: false),
                    LossAllowance = table.Column<long>(type: "INTEGER", nullable: false),
                    NetPool = table.Column<long>(type: "INTEGER", nullable: false),
                    Allocated = table.Column<long>(type: "INTEGER", nullable: false),
                    Unallocated = table.Column<long>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharingRuns_SharingRules_RuleId",
                        column: x => x.RuleId,
                        principalTable: "SharingRules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SharingRunMeters",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quantity = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingRunMeters", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharingRunMeters_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SharingRunMeters_SharingRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SharingRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SharingRunParts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<long>(type: "INTEGER", nullable: false),
                    TenantId = table.Column<int>(type: "INTEGER", nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    KeyValue = table.Column<long>(type: "INTEGER", nullable: false),
                    Share = table.Column<long>(type: "INTEGER", nullable: false),
                    ExactAmount = table.Column<long>(type: "INTEGER", nullable: false),
                    Amount = table.Column<long>(type: "INTEGER", nullable: false),
                    IdempotencyKey = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    PostedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharingRunParts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SharingRunParts_SharingRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "SharingRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SharingRunParts_Tenants_TenantId",
                        column: x => x.TenantId,
                        principalTable: "Tenants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Alarms_SourceKind_SourceId_Condition",
                table: "Alarms",
                columns: new[] { "SourceKind", "SourceId", "Condition" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlarmJournal_AlarmId_Sequence",
                table: "AlarmJournal",
                columns: new[] { "AlarmId", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AlarmJournal_At",
                table: "AlarmJournal",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_AlarmJournal_SourceKind_SourceId_At",
                table: "AlarmJournal",
                columns: new[] { "SourceKind", "SourceId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_CashierDayCloses_Cashier_Day",
                table: "CashierDayCloses",
                columns: new[] { "Cashier", "Day" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedReports_GeneratedAt",
                table: "GeneratedReports",
                column: "GeneratedAt");

            migrationBuilder.CreateIndex(
                name: "IX_GeneratedReports_Kind_PeriodStart_PeriodEnd_Language_Format_Version",
                table: "GeneratedReports",
                columns: new[] { "Kind", "PeriodStart", "PeriodEnd", "Language", "Format", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeterReplacements_MeterId_ReplacedAt",
                table: "MeterReplacements",
                columns: new[] { "MeterId", "ReplacedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_PendingBalanceTransfers_AccountId",
                table: "PendingBalanceTransfers",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingBalanceTransfers_IdempotencyKey",
                table: "PendingBalanceTransfers",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PendingBalanceTransfers_MeterId",
                table: "PendingBalanceTransfers",
                column: "MeterId");

            migrationBuilder.CreateIndex(
                name: "IX_PendingBalanceTransfers_ReplacementId",
                table: "PendingBalanceTransfers",
                column: "ReplacementId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PendingBalanceTransfers_State_MeterId",
                table: "PendingBalanceTransfers",
                columns: new[] { "State", "MeterId" });

            migrationBuilder.CreateIndex(
                name: "IX_PropertyFeeRunItems_RunId_TenantId",
                table: "PropertyFeeRunItems",
                columns: new[] { "RunId", "TenantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PropertyFeeRunItems_TenantId",
                table: "PropertyFeeRunItems",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_PropertyFeeRuns_SiteId_Month",
                table: "PropertyFeeRuns",
                columns: new[] { "SiteId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PropertyFeeSettings_TenantId",
                table: "PropertyFeeSettings",
                column: "TenantId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_AccountId",
                table: "Receipts",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_Day_Sequence",
                table: "Receipts",
                columns: new[] { "Day", "Sequence" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_IssuedBy_Day",
                table: "Receipts",
                columns: new[] { "IssuedBy", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_LedgerEntryKey",
                table: "Receipts",
                column: "LedgerEntryKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_Number",
                table: "Receipts",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Receipts_OrderKey",
                table: "Receipts",
                column: "OrderKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RechargeDeliveries_LedgerEntryId_MeterId",
                table: "RechargeDeliveries",
                columns: new[] { "LedgerEntryId", "MeterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RechargeDeliveries_MeterCommandId",
                table: "RechargeDeliveries",
                column: "MeterCommandId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RechargeDeliveries_MeterId_State",
                table: "RechargeDeliveries",
                columns: new[] { "MeterId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationDiscrepancies_MeterId",
                table: "ReconciliationDiscrepancies",
                column: "MeterId");

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationDiscrepancies_RunDate_MeterId_Kind",
                table: "ReconciliationDiscrepancies",
                columns: new[] { "RunDate", "MeterId", "Kind" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReconciliationSnapshots_MeterId_RunDate",
                table: "ReconciliationSnapshots",
                columns: new[] { "MeterId", "RunDate" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_AccountId",
                table: "RefundRequests",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_RequestedBy_State",
                table: "RefundRequests",
                columns: new[] { "RequestedBy", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_RefundRequests_State_RequestedAt",
                table: "RefundRequests",
                columns: new[] { "State", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_SharingRuleMeters_MeterId",
                table: "SharingRuleMeters",
                column: "MeterId");

            migrationBuilder.CreateIndex(
                name: "IX_SharingRuleMeters_RuleId_MeterId",
                table: "SharingRuleMeters",
                columns: new[] { "RuleId", "MeterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SharingRules_SiteId",
                table: "SharingRules",
                column: "SiteId");

            migrationBuilder.CreateIndex(
                name: "IX_SharingRuleTenants_RuleId_TenantId",
                table: "SharingRuleTenants",
                columns: new[] { "RuleId", "TenantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SharingRuleTenants_TenantId",
                table: "SharingRuleTenants",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_SharingRunMeters_MeterId",
                table: "SharingRunMeters",
                column: "MeterId");

            migrationBuilder.CreateIndex(
                name: "IX_SharingRunMeters_RunId_MeterId",
                table: "SharingRunMeters",
                columns: new[] { "RunId", "MeterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SharingRunParts_RunId_TenantId",
                table: "SharingRunParts",
                columns: new[] { "RunId", "TenantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SharingRunParts_TenantId",
                table: "SharingRunParts",
                column: "TenantId");

            migrationBuilder.CreateIndex(
                name: "IX_SharingRuns_Month",
                table: "SharingRuns",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_SharingRuns_RuleId_Month",
                table: "SharingRuns",
                columns: new[] { "RuleId", "Month" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TenantNotices_AccountId",
                table: "TenantNotices",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_TenantNotices_Channel",
                table: "TenantNotices",
                column: "Channel");

            migrationBuilder.CreateIndex(
                name: "IX_TenantNotices_TenantId_At",
                table: "TenantNotices",
                columns: new[] { "TenantId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlarmJournal");

            migrationBuilder.DropTable(
                name: "CashierDayCloses");

            migrationBuilder.DropTable(
                name: "GeneratedReports");

            migrationBuilder.DropTable(
                name: "MeterSettingsPushes");

            migrationBuilder.DropTable(
                name: "PendingBalanceTransfers");

            migrationBuilder.DropTable(
                name: "PlatformBillingCursors");

            migrationBuilder.DropTable(
                name: "PropertyFeeRunItems");

            migrationBuilder.DropTable(
                name: "PropertyFeeSettings");

            migrationBuilder.DropTable(
                name: "Receipts");

            migrationBuilder.DropTable(
                name: "RechargeDeliveries");

            migrationBuilder.DropTable(
                name: "ReconciliationDiscrepancies");

            migrationBuilder.DropTable(
                name: "ReconciliationSnapshots");

            migrationBuilder.DropTable(
                name: "RefundRequests");

            migrationBuilder.DropTable(
                name: "RelayPolicyRecords");

            migrationBuilder.DropTable(
                name: "SharingRuleMeters");

            migrationBuilder.DropTable(
                name: "SharingRuleTenants");

            migrationBuilder.DropTable(
                name: "SharingRunMeters");

            migrationBuilder.DropTable(
                name: "SharingRunParts");

            migrationBuilder.DropTable(
                name: "TenantNotices");

            migrationBuilder.DropTable(
                name: "MeterReplacements");

            migrationBuilder.DropTable(
                name: "PropertyFeeRuns");

            migrationBuilder.DropTable(
                name: "SharingRuns");

            migrationBuilder.DropTable(
                name: "SharingRules");

            migrationBuilder.DropIndex(
                name: "IX_Alarms_SourceKind_SourceId_Condition",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "ConditionActive",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "LastChatterAt",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "LastEventAt",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "LatchPending",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "Latching",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "OutOfServiceBy",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "OutOfServicePermit",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "ShelveReason",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "ShelvedBy",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "ShelvedUntil",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "SuppressedBy",
                table: "Alarms");

            migrationBuilder.DropColumn(
                name: "Unacknowledged",
                table: "Alarms");

            migrationBuilder.CreateIndex(
                name: "IX_Alarms_SourceKind_SourceId",
                table: "Alarms",
                columns: new[] { "SourceKind", "SourceId" });
        }
    }
}
