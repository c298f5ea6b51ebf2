using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using WaitWise.Core.Businesses;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data;
using WaitWise.Tests.Infrastructure;

namespace WaitWise.Tests.Integration.Migrations;

/// <summary>
/// A migration never changes after it lands (STYLE.md): each runs SQL of its own, and a database migrated by the last
/// release and then brought to the head has exactly the schema of a database migrated from nothing.
/// </summary>
public sealed class FrozenMigrations
{
    /// <summary>The last migration of the previous release (stop 28).</summary>
    private const string LastReleased = "20261203171810_Languages";

    /// <summary>
    /// The scripts that have landed, with their SHA-256. A landed script is never edited: change a database function
    /// in a new migration with a script of its own, and add that script here once it lands.
    /// </summary>
    private static readonly Dictionary<string, string> Landed = new()
    {
        ["20261124125304_QuartzJobStore.sql"] = "7cd53f5633319c5b170a722153136337bfde82b255b566ab402d4995716a539a",
        ["20261124142432_JoinFunction.sql"] = "af85f63598561683ec809f486c4ba7c0b332f10fccfac7b5a7cb2c3a5da4a8de",
        ["20261124174931_StandingFunctions.sql"] = "f4dac4a932992653d6a812f1719a87585008ccb803bc7b48fbf70b6f90e620b4",
        ["20261202055852_CommandPipeline.sql"] = "e7c4cf84f522ce2e6a83accaa8d45b6d2196be7eccfd16ebb05360444ea505ec",
        ["20261202162412_AccountsTokensAndGuests.sql"] = "e1546da8a3c72a13c7b32e05059a7bef8d3998aa26f528e3a5704ee4bfcd34fb",
        ["20261204031920_WaitEstimates.sql"] = "10997ec3fc73a2f05216d602352bc9b33a8d502124909012a1f5204bd5fb1aa3",
        ["20261204031920_WaitEstimates.Down.sql"] = "34061ef80b67cbdbb5883d4fed3bccb2ab7165a7eb9146c1271febb18269114f",
    };

    [Fact]
    public void EveryScriptIsNamedAfterItsMigrationAndNoLandedOneWasEdited()
    {
        var assembly = typeof(WaitWiseDbContext).Assembly;
        const string prefix = "WaitWise.Data.Migrations.Sql.";
        var scripts = assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(n => n[prefix.Length..], n =>
            {
                using var stream = assembly.GetManifestResourceStream(n)!;
                return Convert.ToHexStringLower(SHA256.HashData(stream));
            });
        using var db = new WaitWiseDbContext(new DbContextOptionsBuilder<WaitWiseDbContext>().UseNpgsql("Host=unused").Options);
        var migrations = db.Database.GetMigrations().ToHashSet();

        // A migration's script, and the one its Down runs where it cannot simply drop what its script made.
        Assert.All(scripts.Keys, name => Assert.Contains(name.Replace(".Down.sql", ".sql", StringComparison.Ordinal)[..^".sql".Length], migrations));
        Assert.Equal(Landed.OrderBy(p => p.Key), scripts.OrderBy(p => p.Key));
    }

    [Fact]
    public async Task ADatabaseOfTheLastReleaseUpgradesToTheSchemaOfAFreshOne()
    {
        var upgraded = await TestPostgres.CreateDatabaseAsync(migrated: false);
        var fresh = await TestPostgres.CreateDatabaseAsync(migrated: false);

        await MigrateAsync(upgraded, LastReleased);
        await MigrateAsync(upgraded, null);
        await MigrateAsync(fresh, null);

        var expected = await SchemaAsync(fresh);
        Assert.Contains(expected, line => line.StartsWith("function waitwise_join", StringComparison.Ordinal));
        Assert.Contains(expected, line => line.StartsWith("table IdempotencyKeys", StringComparison.Ordinal));
        Assert.Equal(expected, await SchemaAsync(upgraded));
    }

    /// <summary>
    /// The functions are SQL of their own, not generated from Core: every state and command they name is one of Core's, and every
    /// list of ticket states they test is one of Core's lists (open, at a counter).
    /// </summary>
    [Fact]
    public async Task TheDatabaseFunctionsNameStatesAsCoreDoes()
    {
        var functions = (await SchemaAsync(await TestPostgres.CreateDatabaseAsync())).Where(l => l.StartsWith("function waitwise_", StringComparison.Ordinal)).ToList();
        var named = functions.SelectMany(f => Regex.Matches(f, "'([A-Z][A-Za-z]+)'").Select(m => m.Groups[1].Value)).ToHashSet();
        var lists = functions.SelectMany(f => Regex.Matches(f, @"IN \(('[A-Z]+'(, '[A-Z]+')*)\)").Select(m => m.Groups[1].Value)).ToHashSet();
        var known = Enum.GetValues<TicketStatus>().Select(s => s.ToDb())
            .Concat(Enum.GetNames<QueueStatus>()).Concat(Enum.GetNames<BusinessStatus>()).Concat(Enum.GetNames<TicketCommand>()).ToHashSet();

        Assert.Equal(9, functions.Count);
        Assert.Subset(known, named);
        Assert.Contains("LATE", named);
        Assert.Equal(new[] { List(TicketStatuses.AtCounter), List(TicketStatuses.Open) }.ToHashSet(), lists);
    }

    private static string List(IEnumerable<TicketStatus> statuses) => string.Join(", ", statuses.Select(s => $"'{s.ToDb()}'"));

    private static async Task MigrateAsync(string connectionString, string? target)
    {
        await using var db = new WaitWiseDbContext(new DbContextOptionsBuilder<WaitWiseDbContext>().UseNpgsql(connectionString).Options);
        await db.GetService<IMigrator>().MigrateAsync(target);
    }

    /// <summary>Tables, columns, indexes, constraints and functions of the public schema, one sorted line each.</summary>
    private static async Task<List<string>> SchemaAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT 'table ' || c.table_name || ' ' || c.column_name || ' ' || c.data_type || ' ' || COALESCE(c.character_maximum_length::text, '')
                   || ' ' || c.is_nullable || ' ' || COALESCE(c.column_default, '')
            FROM information_schema.columns c WHERE c.table_schema = 'public'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            UNION ALL
            SELECT 'constraint ' || cl.relname || ' ' || co.conname || ' ' || pg_get_constraintdef(co.oid)
            FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
            WHERE n.nspname = 'public'
            UNION ALL
            SELECT 'function ' || p.proname || ' ' || pg_get_functiondef(p.oid)
            FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'
            UNION ALL
            SELECT 'migration ' || "MigrationId" FROM "__EFMigrationsHistory"
            ORDER BY 1
            """, connection);
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }
        return lines;
    }
}
