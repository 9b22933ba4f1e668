using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "HoardingLimit",
                table: "Sites",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "KeepPowerPeriods",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    GrantedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    GrantedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ExpiresAt = table.Column<long>(type: "INTEGER", nullable: false),
                    EndedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    EndedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_KeepPowerPeriods", x => x.Id);
                    table.ForeignKey(
                        name: "FK_KeepPowerPeriods_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_KeepPowerPeriods_ExpiresAt",
                table: "KeepPowerPeriods",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_KeepPowerPeriods_MeterId_EndedAt",
                table: "KeepPowerPeriods",
                columns: new[] { "MeterId", "EndedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "KeepPowerPeriods");

            migrationBuilder.DropColumn(
                name: "HoardingLimit",
                table: "Sites");
        }
    }
}
