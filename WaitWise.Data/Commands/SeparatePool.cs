using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WaitWise.Data.Commands;

/// <summary>
/// Contexts on a connection pool of their own: the same database, told apart by the application name (Npgsql keeps
/// one pool per connection string). For work that must not wait behind a rush of commands for a connection, or
/// that holds its connection while others run.
/// </summary>
internal sealed class SeparatePool(IDbContextFactory<WaitWiseDbContext> factory, string applicationName)
{
    private DbContextOptions<WaitWiseDbContext>? _options;

    public async Task<WaitWiseDbContext> CreateAsync(CancellationToken ct)
    {
        if (_options is null)
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var own = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()) { ApplicationName = applicationName };
            _options = new DbContextOptionsBuilder<WaitWiseDbContext>().UseNpgsql(own.ConnectionString).Options;
        }
        return new WaitWiseDbContext(_options);
    }
}
