using WaitWise.Data.Hosting;

namespace WaitWise.Web.Hosting;

internal static class DatabaseHosting
{
    /// <summary>
    /// With no connection string configured, starts a private PostgreSQL cluster under the data directory
    /// (git-ignored) and points the app at it; the cluster stops when the app stops.
    /// </summary>
    public static async Task<PrivatePostgres?> UsePrivatePostgresIfUnconfiguredAsync(this WebApplicationBuilder builder)
    {
        if (!string.IsNullOrWhiteSpace(builder.Configuration.GetConnectionString(WaitWiseSettings.ConnectionStringName)))
        {
            return null;
        }
        var dataDirectory = builder.Configuration[WaitWiseSettings.DataDirectory] ?? ".data";
        if (!Path.IsPathRooted(dataDirectory))
        {
            dataDirectory = Path.Combine(RepositoryRoot(builder.Environment.ContentRootPath), dataDirectory);
        }
        var server = await PrivatePostgres.StartAsync(Path.Combine(dataDirectory, "postgres"), "waitwise", throwaway: false);
        builder.Configuration[$"ConnectionStrings:{WaitWiseSettings.ConnectionStringName}"] = server.ConnectionString;
        Console.WriteLine($"Started a private PostgreSQL on 127.0.0.1:{server.Port} (data in {dataDirectory}).");
        return server;
    }

    /// <summary>The folder holding WaitWise.sln, or the content root when the app runs outside the repository.</summary>
    private static string RepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WaitWise.sln")))
            {
                return dir.FullName;
            }
        }
        return start;
    }
}
