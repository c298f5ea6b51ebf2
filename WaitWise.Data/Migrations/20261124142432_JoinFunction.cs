using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <summary>
    /// The join as one database function (Sql/20261124142432_JoinFunction.sql), so a join holds its queue's lock for one round
    /// trip, and the due-transition probe it shares with the lazy reads.
    /// </summary>
    public partial class JoinFunction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(MigrationScripts.Read("20261124142432_JoinFunction.sql"));

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("""
                DROP FUNCTION waitwise_join(uuid, text[], uuid[], timestamptz[], boolean, boolean);
                DROP FUNCTION waitwise_is_due(uuid, timestamptz);
                """);
    }
}
