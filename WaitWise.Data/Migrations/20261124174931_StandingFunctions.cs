using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <summary>
    /// Where a ticket stands as database functions (Sql/20261124174931_StandingFunctions.sql) that a query calls beside the ticket's
    /// row, so a position lookup is one round trip.
    /// </summary>
    public partial class StandingFunctions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(MigrationScripts.Read("20261124174931_StandingFunctions.sql"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""
                DROP FUNCTION waitwise_recent_service_seconds(uuid);
                DROP FUNCTION waitwise_position(uuid);
                """);
    }
}
