using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <inheritdoc />
    public partial class LinePositionIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_LineGaps",
                table: "QueueEntries",
                columns: new[] { "QueueId", "TicketNumber" },
                filter: "\"Status\" <> 'WAITING' OR \"PriorityBoost\" <> 0");

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_RecentlyCompleted",
                table: "QueueEntries",
                columns: new[] { "QueueId", "CompletedAt" },
                descending: new[] { false, true },
                filter: "\"Status\" = 'COMPLETED'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_LineGaps",
                table: "QueueEntries");

            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_RecentlyCompleted",
                table: "QueueEntries");
        }
    }
}
