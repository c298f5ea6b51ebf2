using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>
/// In Production the framework answers a request it cannot bind with a bare 400 instead of throwing; the API still
/// answers with problem details.
/// </summary>
public sealed class InProduction : IAsyncLifetime
{
    private readonly AppHost _app = new() { Settings = { ["environment"] = "Production" } };

    public Task InitializeAsync() => _app.InitializeAsync();

    public Task DisposeAsync() => _app.DisposeAsync();

    [Fact]
    public async Task MalformedRequestsAreStill400Problems()
    {
        Assert.True(_app.Services.GetRequiredService<IHostEnvironment>().IsProduction());
        var owner = await _app.SignedInClientAsync(DemoSeeder.OwnerEmail);
        var queue = await _app.QueueIdAsync(DemoSeeder.FrontDesk);

        await (await owner.PostRawAsync("/api/v1/queues", "{ not json")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await owner.PostRawAsync("/api/v1/queues", "{\"maxSize\": 99999999999}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await owner.GetAsync($"/api/v1/queues/{queue}/tickets?page=abc")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await owner.GetAsync("/api/v1/queues/not-a-guid")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await owner.GetAsync("/api/v1/nothing-here")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }
}
