using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using WaitWise.Data;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Api;

namespace WaitWise.Tests.Api;

/// <summary>The OpenAPI document describes the API; /health says ready only over a migrated database.</summary>
public sealed class OpenApiAndHealth(AppHost app) : IClassFixture<AppHost>
{
    [Fact]
    public async Task TheOpenApiDocumentListsTheApiRoutes()
    {
        var document = await (await app.Client().GetAsync("/openapi/v1.json")).AssertOkAsync();

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/auth/login", paths);
        Assert.Contains("/api/v1/queues/{id}/join", paths);
        Assert.Contains("/api/v1/tickets/{ticketId}/no-show", paths);
        Assert.DoesNotContain(paths, p => !p.StartsWith("/api/v1/", StringComparison.Ordinal));
        var join = document.GetProperty("paths").GetProperty("/api/v1/queues/{id}/join").GetProperty("post");
        Assert.Contains(join.GetProperty("parameters").EnumerateArray(),
            p => p.GetProperty("name").GetString() == "Idempotency-Key" && p.GetProperty("in").GetString() == "header");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/queues")]
    [InlineData("/Account/Login")]
    [InlineData("/api/v1/businesses")]
    [InlineData("/api/v1/queues/not-a-guid")]
    [InlineData("/app.css")]
    [InlineData("/health")]
    [InlineData("/no-such-page")]
    public async Task EveryKindOfAnswerForbidsSniffingKeepsItsAddressOnTheSiteAndRunsOnlyTheSitesScripts(string path)
    {
        var response = await app.Client().GetAsync(path);

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("same-origin", response.Headers.GetValues("Referrer-Policy").Single());
        var policy = response.Headers.GetValues("Content-Security-Policy").Single().Split(';', StringSplitOptions.TrimEntries);
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Contains("frame-ancestors 'self'", policy);
        var scripts = Assert.Single(policy, d => d.StartsWith("script-src ", StringComparison.Ordinal));
        Assert.DoesNotContain("unsafe", scripts);
        // A page's one inline script, the import map, is allowed by its hash and nothing else inline is.
        var page = await response.Content.ReadAsStringAsync();
        var inlines = Regex.Matches(page, "<script(?![^>]*\\bsrc=)[^>]*>(.*?)</script>", RegexOptions.Singleline);
        Assert.Equal(response.Content.Headers.ContentType?.MediaType == "text/html", page.Contains("<script type=\"importmap\">", StringComparison.Ordinal) && inlines.Count > 0);
        foreach (Match inline in inlines)
        {
            var hash = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(inline.Groups[1].Value)));
            Assert.Contains($"'sha256-{hash}'", scripts);
        }
    }

    [Fact]
    public async Task HealthIsReadyWhenTheDatabaseAnswersAndIsMigrated()
    {
        var health = await (await app.Client().GetAsync("/health")).AssertOkAsync();

        Assert.Equal("Healthy", health.GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("Healthy", health.GetProperty("checks").GetProperty("migrations").GetProperty("status").GetString());
    }

    [Fact]
    public async Task TheMigrationsCheckFailsOverADatabaseWithMigrationsMissing()
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var options = new DbContextOptionsBuilder<WaitWiseDbContext>().UseNpgsql(connectionString).Options;
        await using (var db = new WaitWiseDbContext(options))
        {
            await db.Database.ExecuteSqlRawAsync("DELETE FROM \"__EFMigrationsHistory\"");
        }

        await using var services = new ServiceCollection().AddDbContextFactory<WaitWiseDbContext>(o => o.UseNpgsql(connectionString)).BuildServiceProvider();

        var result = await new MigrationsHealthCheck(services.GetRequiredService<IDbContextFactory<WaitWiseDbContext>>()).CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Contains("not applied", result.Description);
    }
}
