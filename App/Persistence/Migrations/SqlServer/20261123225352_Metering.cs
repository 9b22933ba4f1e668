using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Prepaid.App.Persistence.Migrations.SqlServer
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Period = table.Column<DateOnly>(type: "date", nullable: false),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Value = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    IntervalStart = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    Total = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Sharp = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Peak = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Flat = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false),
                    Valley = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: false)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    At = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    SourceKind = table.Column<int>(type: "int", nullable: false),
                    SourceId = table.Column<int>(type: "int", nullable: false),
                    Kind = table.Column<int>(type: "int", nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MeterEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MeterLiveStates",
                columns: table => new
                {
                    MeterId = table.Column<int>(type: "int", nullable: false),
                    Quality = table.Column<int>(type: "int", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    LastGoodAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: true),
                    PowerKw = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    EnergyKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    SharpKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    PeakKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    FlatKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    ValleyKwh = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    VolumeM3 = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    RemainingYuan = table.Column<decimal>(type: "decimal(18,4)", precision: 18, scale: 4, nullable: true),
                    PurchaseCount = table.Column<int>(type: "int", nullable: true),
                    SupplyOn = table.Column<bool>(type: "bit", nullable: true),
                    StatusFlags = table.Column<int>(type: "int", nullable: false)
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
