using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <summary>
    /// An index of the counters' own moves (the audit events with a counter), which the wait estimates' functions read
    /// newest first: a long line's joins are never in their way.
    /// </summary>
    public partial class CounterMovesIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_QueueEvents_CounterMoves",
                table: "QueueEvents",
                columns: new[] { "QueueId", "At" },
                filter: "\"Slot\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueEvents_CounterMoves",
                table: "QueueEvents");
        }
    }
}
