using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class FeesSharingReplacement : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "MeterReplacements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    ReplacedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    ReplacedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    OldSerialNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OldUnitId = table.Column<int>(type: "int", nullable: false),
                    OldFinalReading = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    FinalConsumption = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    NewSerialNumber = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    NewUnitId = table.Column<int>(type: "int", nullable: false),
                    NewInitialReading = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    CarriedBalance = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true)
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
                name: "PropertyFeeRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    RunBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    TenantsCharged = table.Column<int>(type: "int", nullable: false),
                    Total = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    TenantsSkipped = table.Column<int>(type: "int", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    TenantId = table.Column<int>(type: "int", nullable: false),
                    Basis = table.Column<int>(type: "int", nullable: false),
                    Rate = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
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
                name: "SharingRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SiteId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Key = table.Column<int>(type: "int", nullable: false),
                    LossAllowanceRate = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    EffectiveFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    Active = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false)
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
                name: "PendingBalanceTransfers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ReplacementId = table.Column<long>(type: "bigint", nullable: false),
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    AccountId = table.Column<int>(type: "int", nullable: true),
                    Amount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    MeterCommandId = table.Column<long>(type: "bigint", nullable: true),
                    Error = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    TenantId = table.Column<int>(type: "int", nullable: false),
                    AccountId = table.Column<int>(type: "int", nullable: true),
                    Outcome = table.Column<int>(type: "int", nullable: false),
                    Fee = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Basis = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: true),
                    BalanceAfter = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    Covered = table.Column<bool>(type: "bit", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RuleId = table.Column<int>(type: "int", nullable: false),
                    MeterId = table.Column<int>(type: "int", nullable: false)
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
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RuleId = table.Column<int>(type: "int", nullable: false),
                    TenantId = table.Column<int>(type: "int", nullable: false),
                    KeyValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RuleId = table.Column<int>(type: "int", nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    StartedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    CompletedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Key = table.Column<int>(type: "int", nullable: false),
                    PoolQuantity = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Pool = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    LossAllowance = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    NetPool = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Allocated = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Unallocated = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Error = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    Quantity = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RunId = table.Column<long>(type: "bigint", nullable: false),
                    TenantId = table.Column<int>(type: "int", nullable: false),
                    AccountId = table.Column<int>(type: "int", nullable: true),
                    KeyValue = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Share = table.Column<long>(type: "bigint", precision: 18, scale: 4, nullable: false),
                    ExactAmount = table.Column<long>(type: "bigint", precision: 18, scale: 4, nullable: false),
                    Amount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    PostedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PendingBalanceTransfers");

            migrationBuilder.DropTable(
                name: "PropertyFeeRunItems");

            migrationBuilder.DropTable(
                name: "PropertyFeeSettings");

            migrationBuilder.DropTable(
                name: "SharingRuleMeters");

            migrationBuilder.DropTable(
                name: "SharingRuleTenants");

            migrationBuilder.DropTable(
                name: "SharingRunMeters");

            migrationBuilder.DropTable(
                name: "SharingRunParts");

            migrationBuilder.DropTable(
                name: "MeterReplacements");

            migrationBuilder.DropTable(
                name: "PropertyFeeRuns");

            migrationBuilder.DropTable(
                name: "SharingRuns");

            migrationBuilder.DropTable(
                name: "SharingRules");
        }
    }
}
