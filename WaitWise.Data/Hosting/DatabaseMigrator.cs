using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace WaitWise.Data.Hosting;

/// <summary>
/// Start-up's work on the database: create it when missing, apply the EF Core migrations, then what must follow them
/// (seeding). Several nodes may start at once: creating the database tolerates the other node having just done it,
/// and the rest runs under one advisory lock on the database, so the second node migrates and seeds after the first,
/// finding nothing left to do.
/// </summary>
public static class DatabaseMigrator
{
    /// <summary>The advisory lock key start-up holds (any constant no other lock of WaitWise uses).</summary>
    private const long StartUpLock = 0x5741_4954_5749_5345; // "WAITWISE"

    public static async Task MigrateAsync(IServiceProvider services, Func<Task> afterwards, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<WaitWiseDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        var target = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { Pooling = false };
        await using var holder = await OpenCreatingAsync(target, ct);
        // No timeout: a node waits as long as another takes to migrate and seed.
        await using (var take = new NpgsqlCommand($"SELECT pg_advisory_lock({StartUpLock})", holder) { CommandTimeout = 0 })
        {
            await take.ExecuteNonQueryAsync(ct);
        }
        await db.Database.MigrateAsync(ct);
        await afterwards();
    }

    /// <summary>
    /// A connection to the database, created first when it does not exist. Not pooled: closing it ends the session, and
    /// so the lock, whatever happened in between.
    /// </summary>
    private static async Task<NpgsqlConnection> OpenCreatingAsync(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        var connection = new NpgsqlConnection(target.ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            return connection;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InvalidCatalogName)
        {
            await connection.DisposeAsync();
        }
        await CreateDatabaseAsync(target, ct);
        connection = new NpgsqlConnection(target.ConnectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task CreateDatabaseAsync(NpgsqlConnectionStringBuilder target, CancellationToken ct)
    {
        var name = target.Database ?? throw new InvalidOperationException("The connection string names no database.");
        var maintenance = new NpgsqlConnectionStringBuilder(target.ConnectionString) { Database = "postgres" };
        await using var connection = new NpgsqlConnection(maintenance.ConnectionString);
        await connection.OpenAsync(ct);
        try
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE {new NpgsqlCommandBuilder().QuoteIdentifier(name)}", connection);
            await create.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another node created it since we looked.
        }
    }
}
