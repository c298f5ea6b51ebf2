using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <summary>
    /// Closing an account keeps its tickets (they restrict the account's deletion instead of going with it; accounts
    /// say when they were closed); API sign-ins as token families (ApiSessions); request keys always hold an answer
    /// (the reservations of HTTP requests are locks now); guests (AllowGuests on queues, guest accounts and their
    /// personal data, the ticket key's hash); and positions that never rely on contiguous numbers
    /// (Sql/20261202162412_AccountsTokensAndGuests.sql: the gaps a deleted ticket leaves are kept and counted).
    /// </summary>
    public partial class AccountsTokensAndGuests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reservations of HTTP requests that were still running (or died) held no answer; a hold is a lock now.
            // Nodes of the last release must be stopped first: they would still reserve keys without an answer.
            migrationBuilder.Sql("LOCK TABLE \"IdempotencyKeys\"; DELETE FROM \"IdempotencyKeys\" WHERE \"Outcome\" IS NULL;");

            migrationBuilder.DropForeignKey(
                name: "FK_QueueEntries_AspNetUsers_UserId",
                table: "QueueEntries");

            migrationBuilder.AddColumn<bool>(
                name: "AllowGuests",
                table: "Queues",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "KeyHash",
                table: "QueueEntries",
                type: "character(64)",
                fixedLength: true,
                maxLength: 64,
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "IdempotencyKeys",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ClosedAt",
                table: "AspNetUsers",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsGuest",
                table: "AspNetUsers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ApiSessions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Generation = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RefreshedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApiSessions", x => x.Id);
                    table.CheckConstraint("CK_ApiSessions_Generation", "\"Generation\" >= 1");
                    table.ForeignKey(
                        name: "FK_ApiSessions_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Guests",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "text", nullable: false),
                    Name = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Phone = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Guests", x => x.UserId);
                    table.ForeignKey(
                        name: "FK_Guests_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "TicketNumberGaps",
                columns: table => new
                {
                    QueueId = table.Column<Guid>(type: "uuid", nullable: false),
                    TicketNumber = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TicketNumberGaps", x => new { x.QueueId, x.TicketNumber });
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApiSessions_UserId",
                table: "ApiSessions",
                column: "UserId",
                filter: "\"RevokedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Guests_CreatedAt",
                table: "Guests",
                column: "CreatedAt");

            migrationBuilder.AddForeignKey(
                name: "FK_QueueEntries_AspNetUsers_UserId",
                table: "QueueEntries",
                column: "UserId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.Sql(MigrationScripts.Read("20261202162412_AccountsTokensAndGuests.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS "QueueEntries_KeepNumberGap" ON "QueueEntries";
                DROP TRIGGER IF EXISTS "Queues_DropNumberGaps" ON "Queues";
                DROP FUNCTION IF EXISTS waitwise_keep_number_gap;
                DROP FUNCTION IF EXISTS waitwise_drop_number_gaps;
                """);
            // The positions as they were, without the gaps table this drops.
            migrationBuilder.Sql(MigrationScripts.Read("20261202055852_CommandPipeline.sql"));

            migrationBuilder.DropForeignKey(
                name: "FK_QueueEntries_AspNetUsers_UserId",
                table: "QueueEntries");

            migrationBuilder.DropTable(
                name: "ApiSessions");

            migrationBuilder.DropTable(
                name: "Guests");

            migrationBuilder.DropTable(
                name: "TicketNumberGaps");

            migrationBuilder.DropColumn(
                name: "AllowGuests",
                table: "Queues");

            migrationBuilder.DropColumn(
                name: "KeyHash",
                table: "QueueEntries");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "IsGuest",
                table: "AspNetUsers");

            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "IdempotencyKeys",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");

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
