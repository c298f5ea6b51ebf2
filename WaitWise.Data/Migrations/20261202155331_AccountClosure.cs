using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <summary>
    /// Closing an account keeps its tickets (anonymised): tickets restrict the deletion of their account instead of
    /// going with it, and accounts say when they were closed. Positions count the line instead of ticket numbers
    /// (Sql/20261202155331_AccountClosure.sql), so the index of the number gaps goes.
    /// </summary>
    public partial class AccountClosure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_QueueEntries_AspNetUsers_UserId",
                table: "QueueEntries");

            migrationBuilder.DropIndex(
                name: "IX_QueueEntries_LineGaps",
                table: "QueueEntries");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddForeignKey(
                name: "FK_QueueEntries_AspNetUsers_UserId",
                table: "QueueEntries",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.Sql(MigrationScripts.Read("20261202155331_AccountClosure.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_QueueEntries_AspNetUsers_UserId",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "AspNetUsers");

            migrationBuilder.CreateIndex(
                name: "IX_QueueEntries_LineGaps",
                table: "QueueEntries",
                columns: new[] { "QueueId", "TicketNumber" },
                filter: "\"Status\" <> 'WAITING' OR \"PriorityBoost\" <> 0");

            migrationBuilder.AddForeignKey(
                name: "FK_QueueEntries_AspNetUsers_UserId",
                table: "QueueEntries",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
