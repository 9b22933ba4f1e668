using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Alarms : Migration
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
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastChatterAt",
                table: "Alarms",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastEventAt",
                table: "Alarms",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "LatchPending",
                table: "Alarms",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Latching",
                table: "Alarms",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OutOfServiceBy",
                table: "Alarms",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutOfServicePermit",
                table: "Alarms",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "Alarms",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "ShelveReason",
                table: "Alarms",
                type: "nvarchar(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ShelvedBy",
                table: "Alarms",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ShelvedUntil",
                table: "Alarms",
                type: "datetimeoffset",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SuppressedBy",
                table: "Alarms",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Unacknowledged",
                table: "Alarms",
                type: "bit",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "AlarmJournal",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    AlarmId = table.Column<long>(type: "bigint", nullable: false),
                    SourceKind = table.Column<int>(type: "int", nullable: false),
                    SourceId = table.Column<int>(type: "int", nullable: false),
                    Condition = table.Column<int>(type: "int", nullable: false),
                    Priority = table.Column<int>(type: "int", nullable: false),
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    User = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    Comment = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Expiry = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    Permit = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SuppressedBy = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    FromState = table.Column<int>(type: "int", nullable: false),
                    ToState = table.Column<int>(type: "int", nullable: false),
                    Annunciated = table.Column<bool>(type: "bit", nullable: false),
                    ConditionActive = table.Column<bool>(type: "bit", nullable: false)
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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AlarmJournal");

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
