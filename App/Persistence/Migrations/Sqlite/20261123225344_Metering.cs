using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Metering : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FreezeReadings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FreezeReadings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FreezeReadings_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IntervalEnergies",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    IntervalStart = table.Column<long>(type: "INTEGER", nullable: false),
                    Total = table.Column<long>(type: "INTEGER", nullable: false),
                    Sharp = table.Column<long>(type: "INTEGER", nullable: false),
                    Peak = table.Column<long>(type: "INTEGER", nullable: false),
                    Flat = table.Column<long>(type: "INTEGER", nullable: false),
                    Valley = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntervalEnergies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntervalEnergies_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MeterEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    SourceKind = table.Column<int>(type: "INTEGER", nullable: false),
                    SourceId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Detail = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeterEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeterLiveStates",
                columns: table => new
                {
                    MeterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Quality = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    LastGoodAt = table.Column<long>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    PowerKw = table.Column<long>(type: "INTEGER", nullable: true),
                    EnergyKwh = table.Column<long>(type: "INTEGER", nullable: true),
                    SharpKwh = table.Column<long>(type: "INTEGER", nullable: true),
                    PeakKwh = table.Column<long>(type: "INTEGER", nullable: true),
                    FlatKwh = table.Column<long>(type: "INTEGER", nullable: true),
                    ValleyKwh = table.Column<long>(type: "INTEGER", nullable: true),
                    VolumeM3 = table.Column<long>(type: "INTEGER", nullable: true),
                    RemainingYuan = table.Column<long>(type: "INTEGER", nullable: true),
                    PurchaseCount = table.Column<int>(type: "INTEGER", nullable: true),
                    SupplyOn = table.Column<bool>(type: "INTEGER", nullable: true),
                    StatusFlags = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeterLiveStates", x => x.MeterId);
                    table.ForeignKey(
                        name: "FK_MeterLiveStates_Meters_MeterId",
                        column: x => x.MeterId,
                        principalTable: "Meters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FreezeReadings_Kind_Period",
                table: "FreezeReadings",
                columns: new[] { "Kind", "Period" });

            migrationBuilder.CreateIndex(
                name: "IX_FreezeReadings_MeterId_Kind_Period",
                table: "FreezeReadings",
                columns: new[] { "MeterId", "Kind", "Period" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IntervalEnergies_IntervalStart",
                table: "IntervalEnergies",
                column: "IntervalStart");

            migrationBuilder.CreateIndex(
                name: "IX_IntervalEnergies_MeterId_IntervalStart",
                table: "IntervalEnergies",
                columns: new[] { "MeterId", "IntervalStart" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MeterEvents_At",
                table: "MeterEvents",
                column: "At");

            migrationBuilder.CreateIndex(
                name: "IX_MeterEvents_SourceKind_SourceId_At",
                table: "MeterEvents",
                columns: new[] { "SourceKind", "SourceId", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FreezeReadings");

            migrationBuilder.DropTable(
                name: "IntervalEnergies");

            migrationBuilder.DropTable(
                name: "MeterEvents");

            migrationBuilder.DropTable(
                name: "MeterLiveStates");
        }
    }
}
