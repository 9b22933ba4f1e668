using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ConfigSiteDefaults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NewAccountAlarmAmount1",
                table: "Sites",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NewAccountAlarmAmount2",
                table: "Sites",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "NewAccountOverdraftLimit",
                table: "Sites",
                type: "INTEGER",
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
