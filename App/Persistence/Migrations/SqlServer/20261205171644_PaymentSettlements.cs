using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PaymentSettlements : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PaymentSettlements",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    IdempotencyKey = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    AccountId = table.Column<int>(type: "int", nullable: false),
                    PaymentEntryId = table.Column<long>(type: "bigint", nullable: false),
                    ChargeKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ChargeKind = table.Column<int>(type: "int", nullable: true),
                    Amount = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaymentSettlements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaymentSettlements_LedgerEntries_PaymentEntryId",
                        column: x => x.PaymentEntryId,
                        principalTable: "LedgerEntries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PaymentSettlements_AccountId",
                table: "PaymentSettlements",
                column: "AccountId");

            migrationBuilder.CreateIndex(
                name: "IX_PaymentSettlements_IdempotencyKey",
                table: "PaymentSettlements",
                column: "IdempotencyKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_PaymentSettlements_PaymentEntryId",
                table: "PaymentSettlements",
                column: "PaymentEntryId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaymentSettlements");
        }
    }
}
