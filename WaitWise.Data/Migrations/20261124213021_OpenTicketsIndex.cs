using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenTicketsIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_QueueId_Status",
                table: "QueueEntries");

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_OpenByQueue",
                table: "QueueEntries",
                columns: new[] { "QueueId", "Status" },
                filter: "\"Status\" IN ('WAITING', 'CALLED', 'SERVING', 'HELD', 'LATE')");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_OpenByQueue",
                table: "QueueEntries");

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_QueueId_Status",
                table: "QueueEntries",
                columns: new[] { "QueueId", "Status" });
        }
    }
}
