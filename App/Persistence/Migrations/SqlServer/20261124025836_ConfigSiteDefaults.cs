using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ConfigSiteDefaults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "NewAccountAlarmAmount1",
                table: "Sites",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "NewAccountAlarmAmount2",
                table: "Sites",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "NewAccountOverdraftLimit",
                table: "Sites",
                type: "decimal(18,4)",
                precision: 18,
                scale: 4,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NewAccountAlarmAmount1",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "NewAccountAlarmAmount2",
                table: "Sites");

            migrationBuilder.DropColumn(
                name: "NewAccountOverdraftLimit",
                table: "Sites");
        }
    }
}
