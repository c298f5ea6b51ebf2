using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace WaitWise.Data.Migrations
{
    /// <summary>
    /// Quartz's persistent job store (its own PostgreSQL schema, in Sql/20261124125304_QuartzJobStore.sql), the owner's
    /// "opened by hand" override of a queue's opening hours, and no empty opening windows.
    /// </summary>
    public partial class QuartzJobStore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "OpenedByHandUntil",
                table: "Queues",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddCheckConstraint(
                name: "CK_OpeningHours_Window",
                table: "OpeningHours",
                sql: "\"Opens\" <> \"Closes\"");

            migrationBuilder.Sql(MigrationScripts.Read("20261124125304_QuartzJobStore.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS qrtz_job_status, qrtz_misfire_history, qrtz_execution_history, qrtz_locks,
                    qrtz_scheduler_state, qrtz_fired_triggers, qrtz_paused_job_grps, qrtz_paused_trigger_grps,
                    qrtz_calendars, qrtz_blob_triggers, qrtz_simprop_triggers, qrtz_cron_triggers,
                    qrtz_simple_triggers, qrtz_triggers, qrtz_job_details;
                """);
            migrationBuilder.DropCheckConstraint(
                name: "CK_OpeningHours_Window",
                table: "OpeningHours");

            migrationBuilder.DropColumn(
                name: "OpenedByHandUntil",
                table: "Queues");
        }
    }
}
