using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.Sqlite
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
