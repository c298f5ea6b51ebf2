using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <summary>
    /// The wait shown at each join kept on its ticket (for the dashboard's accuracy), the consoles' word on who is at
    /// which counter, and the database functions that tell how a line moves (Sql/20261204031920_WaitEstimates.sql).
    /// </summary>
    public partial class WaitEstimates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "EstimatedHighMinutes",
                table: "QueueEntries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EstimatedLowMinutes",
                table: "QueueEntries",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EstimatedWaitSeconds",
                table: "QueueEntries",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CounterPresence",
                columns: table => new
                {
                    QueueId = table.Column<Guid>(type: "uuid", nullable: false),
                    Slot = table.Column<int>(type: "integer", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    SeenAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterPresence", x => new { x.QueueId, x.Slot, x.UserId });
                    table.ForeignKey(
                        name: "FK_CounterPresence_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CounterPresence_Queues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "Queues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CounterPresence_UserId",
                table: "CounterPresence",
                column: "UserId");

            migrationBuilder.Sql(MigrationScripts.Read("20261204031920_WaitEstimates.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql(MigrationScripts.Read("20261204031920_WaitEstimates.Down.sql"));

            migrationBuilder.DropTable(
                name: "CounterPresence");

            migrationBuilder.DropColumn(
                name: "EstimatedHighMinutes",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "EstimatedLowMinutes",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "EstimatedWaitSeconds",
                table: "QueueEntries");
        }
    }
}
