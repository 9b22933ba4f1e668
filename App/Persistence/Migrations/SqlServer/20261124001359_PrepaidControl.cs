using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PrepaidControl : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeterSettingsPushes",
                columns: table => new
                {
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    ParametersFingerprint = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PowerLimitFingerprint = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    ConfirmedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    AttemptedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true)
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
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    BilledUntil = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UsageYear = table.Column<int>(type: "int", nullable: false),
                    UsageMonth = table.Column<int>(type: "int", nullable: false),
                    MonthToDate = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    YearToDate = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
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
                name: "RechargeDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    LedgerEntryId = table.Column<long>(type: "bigint", nullable: false),
                    LedgerKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    SplitBasis = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    MeterCommandId = table.Column<long>(type: "bigint", nullable: true),
                    State = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunDate = table.Column<DateOnly>(type: "date", nullable: false),
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    AccountId = table.Column<int>(type: "int", nullable: true),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Expected = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    Reported = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    FoundAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    RunDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ReadAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    RemainingYuan = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    PurchaseCount = table.Column<int>(type: "int", nullable: true),
                    Counter = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    SharpKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    PeakKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    FlatKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    ValleyKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true)
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
                name: "RelayPolicyRecords",
                columns: table => new
                {
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    Relay = table.Column<int>(type: "int", nullable: false),
                    TripCause = table.Column<int>(type: "int", nullable: true),
                    TrippedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastNotice = table.Column<int>(type: "int", nullable: false),
                    OverLimitSince = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RelayChangedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    EvaluatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastReason = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    OverPowerAlarm = table.Column<bool>(type: "bit", nullable: false)
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
                name: "TenantNotices",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<int>(type: "int", nullable: false),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    MeterId = table.Column<int>(type: "int", nullable: true),
                    Level = table.Column<int>(type: "int", nullable: false),
                    Balance = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_RechargeDeliveries_LedgerEntryId_MeterId",
                table: "RechargeDeliveries",
                columns: new[] { "LedgerEntryId", "MeterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RechargeDeliveries_MeterCommandId",
                table: "RechargeDeliveries",
                column: "MeterCommandId",
                unique: true,
                filter: "[MeterCommandId] IS NOT NULL");

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
                name: "MeterSettingsPushes");

            migrationBuilder.DropTable(
                name: "PlatformBillingCursors");

            migrationBuilder.DropTable(
                name: "RechargeDeliveries");

            migrationBuilder.DropTable(
                name: "ReconciliationDiscrepancies");

            migrationBuilder.DropTable(
                name: "ReconciliationSnapshots");

            migrationBuilder.DropTable(
                name: "RelayPolicyRecords");

            migrationBuilder.DropTable(
                name: "TenantNotices");
        }
    }
}
