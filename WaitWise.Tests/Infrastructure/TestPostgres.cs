using Microsoft.EntityFrameworkCore;
using Npgsql;
using WaitWise.Data;
using WaitWise.DevPostgres;

namespace WaitWise.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole test run: a throwaway private cluster, or the server named by
/// WAITWISE_TEST_DB. A template database gets the real migrations once; each test class copies it.
/// </summary>
public static class TestPostgres
{
    private const string TemplateName = "waitwise_template";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? _serverConnectionString;
    private static PrivatePostgres? _cluster;

    /// <summary>A new database: a copy of the migrated template, or with <paramref name="migrated"/> false an empty one.</summary>
    public static async Task<string> CreateDatabaseAsync(bool migrated = true)
    {
        var server = await ServerAsync();
        var name = "waitwise_" + Guid.NewGuid().ToString("N")[..12];
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE \"{(migrated ? TemplateName : "template0")}\"", connection);
        await create.ExecuteNonQueryAsync();
        return new NpgsqlConnectionStringBuilder(server) { Database = name, MaxPoolSize = 100, Timeout = 120 }.ConnectionString;
    }

    /// <summary>The address of a database on the test server that does not exist yet.</summary>
    public static async Task<string> UncreatedDatabaseAsync() =>
        new NpgsqlConnectionStringBuilder(await ServerAsync()) { Database = "waitwise_" + Guid.NewGuid().ToString("N")[..12], Timeout = 120 }.ConnectionString;

    private static async Task<string> ServerAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (_serverConnectionString is not null)
            {
                return _serverConnectionString;
            }
            var configured = Environment.GetEnvironmentVariable("WAITWISE_TEST_DB");
            string server;
            if (!string.IsNullOrWhiteSpace(configured))
            {
                server = configured;
            }
            else
            {
                var dir = Path.Combine(Path.GetTempPath(), "waitwise-tests-" + Guid.NewGuid().ToString("N")[..8]);
                _cluster = await PrivatePostgres.StartAsync(dir, "postgres", throwaway: true);
                server = _cluster.ConnectionString;
                AppDomain.CurrentDomain.ProcessExit += (_, _) =>
                {
                    _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    Directory.Delete(dir, recursive: true);
                };
            }
            await CreateTemplateAsync(server);
            _serverConnectionString = server;
            return server;
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task CreateTemplateAsync(string server)
    {
        var admin = new NpgsqlConnectionStringBuilder(server) { Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{TemplateName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{TemplateName}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var template = new NpgsqlConnectionStringBuilder(server) { Database = TemplateName, Pooling = false }.ConnectionString;
        await using (var db = new WaitWiseDbContext(new DbContextOptionsBuilder<WaitWiseDbContext>().UseNpgsql(template).Options))
        {
            await db.Database.MigrateAsync();
        }
    }
}
