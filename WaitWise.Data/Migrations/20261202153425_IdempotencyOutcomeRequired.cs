using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <inheritdoc />
    public partial class IdempotencyOutcomeRequired : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Reservations of HTTP requests that were still running (or died) held no answer; a hold is a lock now.
            migrationBuilder.Sql("DELETE FROM \"IdempotencyKeys\" WHERE \"Outcome\" IS NULL;");
            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "IdempotencyKeys",
                type: "jsonb",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "jsonb",
                oldNullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "Outcome",
                table: "IdempotencyKeys",
                type: "jsonb",
                nullable: true,
                oldClrType: typeof(string),
                oldType: "jsonb");
        }
    }
}
