using Microsoft.EntityFrameworkCore;
using Npgsql;
using WaitWise.Core.Queues;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration;

/// <summary>The database itself holds the invariants it can, whatever the application code does.</summary>
public sealed class DatabaseConstraints(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    private async Task<(Queue Queue, string UserA, string UserB)> SetUpAsync()
    {
        var owner = await UserAsync("owner");
        var queue = await QueueAsync(await BusinessAsync(owner));
        var users = await UsersAsync(2);
        return (queue, users[0].Id, users[1].Id);
    }

    private async Task<PostgresException> RefusedAsync(string sql)
    {
        await using var db = await DbAsync();
        var ex = await Assert.ThrowsAsync<PostgresException>(() => db.Database.ExecuteSqlRawAsync(sql));
        return ex;
    }

    private static string Insert(Queue q, string user, int number, string status = "WAITING", string extra = "", string extraValues = "") =>
        $"""
        INSERT INTO "QueueEntries" ("Id", "QueueId", "UserId", "TicketNumber", "Status", "PriorityBoost", "JoinedAt"{extra})
        VALUES ('{Guid.NewGuid()}', '{q.Id}', '{user}', {number}, '{status}', 0, now(){extraValues})
        """;

    [Fact]
    public async Task RefusesAnOpeningWindowThatOpensAndClosesAtOnce()
    {
        var (q, _, _) = await SetUpAsync();
        var ex = await RefusedAsync($"""
            INSERT INTO "OpeningHours" ("QueueId", "Day", "Opens", "Closes") VALUES ('{q.Id}', 1, '09:00', '09:00')
            """);
        Assert.Equal(("CK_OpeningHours_Window", PostgresErrorCodes.CheckViolation), (ex.ConstraintName, ex.SqlState));
    }

    [Fact]
    public async Task RefusesADuplicateTicketNumber()
    {
        var (q, a, b) = await SetUpAsync();
        await using (var db = await DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync(Insert(q, a, 1));
        }
        var ex = await RefusedAsync(Insert(q, b, 1));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, ex.SqlState);
        Assert.Equal("IX_QueueEntries_QueueId_TicketNumber", ex.ConstraintName);
    }

    [Fact]
    public async Task RefusesASecondOpenTicketForOneUser()
    {
        var (q, a, _) = await SetUpAsync();
        await using (var db = await DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync(Insert(q, a, 1));
        }
        var ex = await RefusedAsync(Insert(q, a, 2));
        Assert.Equal("IX_QueueEntries_OneOpenTicketPerUser", ex.ConstraintName);
    }

    [Fact]
    public async Task AllowsANewTicketOnceTheOldOneIsFinished()
    {
        var (q, a, _) = await SetUpAsync();
        await using var db = await DbAsync();
        await db.Database.ExecuteSqlRawAsync(Insert(q, a, 1, "CANCELLED", ", \"CancelledAt\", \"CancelledBy\"", ", now(), 'x'"));
        await db.Database.ExecuteSqlRawAsync(Insert(q, a, 2));
        Assert.Equal(2, await db.QueueEntries.CountAsync(e => e.QueueId == q.Id));
    }

    [Fact]
    public async Task RefusesTwoTicketsOnOneSlot()
    {
        var (q, a, b) = await SetUpAsync();
        const string called = ", \"Slot\", \"CalledAt\"";
        await using (var db = await DbAsync())
        {
            await db.Database.ExecuteSqlRawAsync(Insert(q, a, 1, "CALLED", called, ", 1, now()"));
        }
        var ex = await RefusedAsync(Insert(q, b, 2, "CALLED", called, ", 1, now()"));
        Assert.Equal("IX_QueueEntries_OneTicketPerSlot", ex.ConstraintName);
    }

    [Fact]
    public async Task RefusesAnUnknownStatus()
    {
        var (q, a, _) = await SetUpAsync();
        var ex = await RefusedAsync(Insert(q, a, 1, "SLEEPING", ", \"CalledAt\"", ", now()"));
        Assert.Equal(PostgresErrorCodes.CheckViolation, ex.SqlState);
        Assert.Equal("CK_QueueEntries_Status", ex.ConstraintName);
    }

    [Fact]
    public async Task RefusesAServedAtOutsideServingAndCompleted()
    {
        var (q, a, _) = await SetUpAsync();
        var ex = await RefusedAsync(Insert(q, a, 1, "WAITING", ", \"ServedAt\"", ", now()"));
        Assert.Equal("CK_QueueEntries_ServedAt", ex.ConstraintName);
    }

    [Fact]
    public async Task RefusesACalledTicketWithoutASlot()
    {
        var (q, a, _) = await SetUpAsync();
        var ex = await RefusedAsync(Insert(q, a, 1, "CALLED", ", \"CalledAt\"", ", now()"));
        Assert.Equal("CK_QueueEntries_Slot", ex.ConstraintName);
    }

    [Theory]
    [InlineData("MaxSize", 0, "CK_Queues_MaxSize")]
    [InlineData("ServiceSlots", 0, "CK_Queues_ServiceSlots")]
    [InlineData("GraceTimeSeconds", 0, "CK_Queues_GraceTime")]
    [InlineData("CallTimeoutSeconds", -5, "CK_Queues_CallTimeout")]
    public async Task RefusesQueueSettingsOutOfBounds(string column, int value, string constraint)
    {
        var (q, _, _) = await SetUpAsync();
        var ex = await RefusedAsync($"UPDATE \"Queues\" SET \"{column}\" = {value} WHERE \"Id\" = '{q.Id}'");
        Assert.Equal(constraint, ex.ConstraintName);
    }
}
