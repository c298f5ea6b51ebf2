using Microsoft.EntityFrameworkCore;
using Npgsql;
using WaitWise.Core.Businesses;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Tickets;

/// <summary>
/// The database's join function against Core's guards (<see cref="JoinGuards"/>): on every combination of the facts
/// the guards read, waitwise_join refuses for the same reason, in the same order, or joins exactly when Core does.
/// </summary>
public sealed class JoinParity(DatabaseFixture fixture) : DatabaseTest(fixture)
{
    public static TheoryData<bool, QueueStatus, bool, bool, bool> Combinations()
    {
        var data = new TheoryData<bool, QueueStatus, bool, bool, bool>();
        foreach (var approved in new[] { true, false })
        {
            foreach (var status in Enum.GetValues<QueueStatus>())
            {
                foreach (var outsideHours in new[] { true, false })
                {
                    foreach (var already in new[] { true, false })
                    {
                        foreach (var full in new[] { true, false })
                        {
                            data.Add(approved, status, outsideHours, already, full);
                        }
                    }
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Combinations))]
    public async Task TheJoinFunctionRefusesAsCoreDoes(bool approved, QueueStatus status, bool outsideHours, bool already, bool full)
    {
        var owner = await UserAsync("owner");
        var (person, other) = await UsersAsync(2) is [var p, var o] ? (p, o) : throw new InvalidOperationException();
        var business = await BusinessAsync(owner, approved ? BusinessStatus.Approved : BusinessStatus.Pending);
        // One open ticket is in the line: the person's own, or someone else's; a capacity of one makes that full.
        var queue = await QueueAsync(business, maxSize: full ? 1 : 5, status: status);
        await using (var db = await DbAsync())
        {
            db.QueueEntries.Add(QueueEntry.Join(queue.Id, already ? person.Id : other.Id, 1, Clock.Now));
            await db.Queues.Where(q => q.Id == queue.Id).ExecuteUpdateAsync(s => s.SetProperty(q => q.LastTicketNumber, 1));
            await db.SaveChangesAsync();
        }
        var facts = new JoinFacts(approved, status, outsideHours, already, OpenTickets: 1, MaxSize: full ? 1 : 5);

        var outcome = await JoinFunctionAsync(queue.Id, person.Id, outsideHours);

        Assert.Equal(JoinGuards.Check(facts) is { } refusal ? JoinGuards.Code(refusal) : "joined", outcome);
    }

    /// <summary>The general path's call (the caller holds the lock and passes the hours' verdict), rolled back after.</summary>
    private async Task<string> JoinFunctionAsync(Guid queueId, string userId, bool outsideHours)
    {
        await using var connection = new NpgsqlConnection(Fixture.ConnectionString);
        await connection.OpenAsync();
        await using var tx = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand(
            """SELECT "Outcome" FROM waitwise_join(@queue, @users, @entries, @nows, false, @outside)""", connection, tx);
        command.Parameters.AddWithValue("queue", queueId);
        command.Parameters.AddWithValue("users", new[] { userId });
        command.Parameters.AddWithValue("entries", new[] { Guid.NewGuid() });
        command.Parameters.AddWithValue("nows", new[] { Clock.GetUtcNow() });
        command.Parameters.AddWithValue("outside", outsideHours);
        var outcome = (string)(await command.ExecuteScalarAsync())!;
        await tx.RollbackAsync();
        return outcome;
    }
}
