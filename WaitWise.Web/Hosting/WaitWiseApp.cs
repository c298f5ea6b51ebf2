using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor;
using MudBlazor.Services;
using Npgsql;
using WaitWise.Data.Notifications;
using WaitWise.Web.Notifications;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Data;
using WaitWise.Data.Businesses;
using WaitWise.Data.Health;
using WaitWise.Data.Hosting;
using WaitWise.Data.Idempotency;
using WaitWise.Data.Identity;
using WaitWise.Data.Queues;
using WaitWise.Data.Tickets;
using WaitWise.Web.Api;
using WaitWise.Web.Components;
using WaitWise.Web.Components.Account;
using WaitWise.Web.Components.Live;
using WaitWise.Web.Languages;
using WaitWise.Web.Components.Pages.Customer;
using WaitWise.Web.Components.Pages.Owner;
using WaitWise.Web.Time;

namespace WaitWise.Web.Hosting;

/// <summary>Builds the WaitWise web app; Program.cs runs it and the tests host it on loopback.</summary>
public static class WaitWiseApp
{
    public static async Task<WebApplication> CreateAsync(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // The repository root's appsettings.json (copied beside the binaries) is the configuration;
        // environment variables and the command line still override it.
        builder.Configuration.AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true);
        builder.Configuration.AddEnvironmentVariables();
        builder.Configuration.AddCommandLine(args);
        configure?.Invoke(builder);

        builder.AddWaitWiseServices();

        var app = builder.Build();
        app.UseWaitWisePipeline();

        await DatabaseMigrator.MigrateAsync(app.Services, async () =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var seeder = scope.ServiceProvider.GetRequiredService<DemoSeeder>();
            await seeder.SeedRolesAsync();
            if (app.Configuration.GetValue(WaitWiseSettings.SeedDemo, app.Environment.IsDevelopment()))
            {
                await seeder.SeedDemoAsync();
                if (app.Environment.IsDevelopment() && app.Configuration.GetValue(WaitWiseSettings.SeedDemoHistory, true))
                {
                    await scope.ServiceProvider.GetRequiredService<DemoHistory>().SeedAsync();
                }
            }
        });
        return app;
    }

    private static void AddWaitWiseServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var connectionString = builder.Configuration.GetConnectionString(WaitWiseSettings.ConnectionStringName)
            is { Length: > 0 } configured
                ? configured
                : throw new InvalidOperationException(
                    $"ConnectionStrings:{WaitWiseSettings.ConnectionStringName} is not set: point it at a PostgreSQL database, " +
                    "or start WaitWise with scripts/run, which starts a private one.");

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddLocalization(options => options.ResourcesPath = "Resources");
        services.AddTransient<MudLocalizer, WaitWiseMudLocalizer>();

        services.AddMemoryCache();
        services.AddCascadingAuthenticationState();
        services.AddScoped<IdentityRedirectManager>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<GuestTicketMemory>();
        services.AddScoped<AuthenticationStateProvider, IdentityRevalidatingAuthenticationStateProvider>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = ApiAuthentication.CookieOrBearer;
                options.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddIdentityCookies();
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Admin, p => p.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Owner, p => p.RequireRole(Roles.Owner))
            .AddPolicy(Policies.Staff, p => p.RequireRole(Roles.Staff, Roles.Owner));

        // Before the domain, which takes the channels named here (and otherwise none).
        services.AddWaitWiseNotifications(builder.Configuration);
        services.AddWaitWiseDomain(connectionString);
        services.AddLiveUpdates(builder.Configuration, connectionString);
        if (builder.Configuration[WaitWiseSettings.KeysDirectory] is { Length: > 0 } keys)
        {
            // Several nodes must read each other's cookies and tokens, so they share one key ring.
            services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keys)).SetApplicationName("WaitWise");
        }
        services.AddWaitWiseTime(builder.Configuration, connectionString);
        new IdentityBuilder(typeof(ApplicationUser), typeof(IdentityRole), services).AddSignInManager();
        services.AddSingleton<IEmailSender<ApplicationUser>, IdentityNoOpEmailSender>();
        builder.AddWaitWiseApi();
    }

    /// <summary>Storage, Identity's stores and the queue services: everything but the web. Tests build on it too.</summary>
    public static IServiceCollection AddWaitWiseDomain(this IServiceCollection services, string connectionString)
    {
        services.AddDataProtection();
        // WaitWise keeps no session state on a pooled connection (no SET, LISTEN or temporary table), so handing one
        // back needs no reset; the reset (DISCARD ALL) would throw away the plans its database functions keep per connection.
        // The statements every command runs (the lock, the outbox's plan with its joins) are prepared on each connection
        // after their second use, so PostgreSQL plans them once per connection rather than on every command.
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, MaxAutoPrepare = 64 }.ConnectionString;
        // Contexts are pooled too: every command, read and sign-in takes one, and a reused context skips building
        // its internal services again. WaitWiseDbContext keeps no state of its own for a reuse to leak.
        services.AddPooledDbContextFactory<WaitWiseDbContext>(options => options.UseNpgsql(pooled));
        services.AddIdentityCore<ApplicationUser>(options =>
            {
                options.SignIn.RequireConfirmedAccount = false;
                options.User.RequireUniqueEmail = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WaitWiseDbContext>()
            .AddDefaultTokenProviders();
        services.TryAddSingleton(TimeProvider.System);
        // The web app says which channels it sends on before this (NotificationSetup); without them nothing is planned.
        services.TryAddSingleton(OutboxChannels.None);
        services.AddSingleton<IQueueNotifier>(new InProcessQueueNotifier());
        services.AddSingleton<DueTransitionService>();
        services.AddSingleton<ITicketService, TicketService>();
        services.AddSingleton<IQueueControl, QueueControl>();
        services.AddSingleton<ICounterPresences, CounterPresenceStore>();
        services.AddSingleton<IQueueMessages, QueueMessages>();
        services.AddSingleton<IdempotencyStore>();
        services.AddSingleton<ApiSessions>();
        services.AddSingleton<GuestData>();
        services.AddSingleton<ITicketQueries, TicketQueries>();
        // Scoped, because it uses Identity's lookup normalizer, which Identity registers per scope.
        services.AddScoped<IQueueAdmin, QueueAdmin>();
        services.AddSingleton<IBusinessDirectory, BusinessDirectory>();
        services.AddSingleton<IOperatedQueues, OperatedQueues>();
        services.AddBusinessAdministration();
        services.AddSingleton<InvariantChecker>();
        // Scoped, because it uses Identity's lookup normalizer, which Identity registers per scope.
        services.AddScoped<HealthReview>();
        // Scoped, because it uses Identity's UserManager.
        services.AddScoped<AccountClosure>();
        services.AddScoped<DemoSeeder>();
        services.AddScoped<DemoHistory>();
        return services;
    }

    /// <summary>
    /// Queue hints for every node on the database (LISTEN/NOTIFY), so a page re-reads on its own only seldom; or, turned
    /// off, this node's hints alone and a re-read every few seconds.
    /// </summary>
    private static void AddLiveUpdates(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        var crossNode = configuration.GetValue(WaitWiseSettings.CrossNodeHints, true);
        var reRead = configuration.GetValue<int?>(WaitWiseSettings.ReReadSeconds) is { } seconds
            ? TimeSpan.FromSeconds(Math.Max(1, seconds))
            : crossNode ? TimeSpan.FromSeconds(30) : InProcessQueueNotifier.NodeOnlyReRead;
        if (!crossNode)
        {
            services.Replace(ServiceDescriptor.Singleton<IQueueNotifier>(new InProcessQueueNotifier(reRead)));
            return;
        }
        services.AddSingleton(sp => new PostgresQueueNotifier(connectionString, reRead, sp.GetRequiredService<ILogger<PostgresQueueNotifier>>()));
        services.Replace(ServiceDescriptor.Singleton<IQueueNotifier>(sp => sp.GetRequiredService<PostgresQueueNotifier>()));
        services.AddHostedService(sp => sp.GetRequiredService<PostgresQueueNotifier>());
        services.AddHealthChecks().AddCheck<LiveUpdatesHealthCheck>("live-updates");
    }

    private static void UseWaitWisePipeline(this WebApplication app)
    {
        app.UseSecurityHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error", createScopeForErrors: true);
            app.UseHsts();
        }
        app.UseRequestLocalization(SiteLanguages.Options());
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseApiErrors();
        app.UseAuthentication();
        app.UseMiddleware<BearerRevalidation>();
        app.UseAuthorization();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(CircuitConnections.Configure);
        app.MapAdditionalIdentityEndpoints();
        app.MapWaitWiseApi();
        app.MapOwnerEndpoints();
        app.MapQueueQrCode();
        app.MapGuestTicketMemory();
    }
}
