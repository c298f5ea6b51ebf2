using System.Net;
using System.Net.Http.Json;
using System.Text;
using WaitWise.Tests.Infrastructure;
using WaitWise.Web.Hosting;

namespace WaitWise.Tests.Api;

/// <summary>Whatever a client sends, the answer is a 4xx with problem details, never a 500 or an HTML page.</summary>
public sealed class MalformedRequests(AppHost app) : IClassFixture<AppHost>, IAsyncLifetime
{
    private HttpClient _owner = null!;
    private Guid _frontDesk;

    public async Task InitializeAsync()
    {
        _owner = await app.SignedInClientAsync(DemoSeeder.OwnerEmail);
        _frontDesk = await app.QueueIdAsync(DemoSeeder.FrontDesk);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [InlineData("{ not json")]
    [InlineData("")]
    [InlineData("[1, 2, 3]")]
    [InlineData("\"a string\"")]
    [InlineData("{\"name\": 42}")]
    [InlineData("{\"name\": \"Lab\", \"maxSize\": \"lots\"}")]
    [InlineData("{\"name\": \"Lab\", \"maxSize\": 99999999999999999999}")]
    [InlineData("{\"name\": \"Lab\", \"maxSize\": 1.5}")]
    [InlineData("{\"name\": \"Lab\", \"autoCall\": \"maybe\"}")]
    [InlineData("{\"businessId\": \"not-a-guid\", \"name\": \"Lab\"}")]
    [InlineData("{\"name\": \"Lab\", \"maxSize\": -2147483648}")]
    public async Task ABrokenQueueBodyIsA400Problem(string body)
    {
        var response = await _owner.PostRawAsync("/api/v1/queues", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Theory]
    [InlineData("{\"slot\": \"first\"}")]
    [InlineData("{\"slot\": 2147483648}")]
    [InlineData("{\"slot\": -1}")]
    [InlineData("{\"slot\": 0}")]
    [InlineData("{\"slot\": null, \"slot\": {}}")]
    public async Task ABrokenSlotIsA400Problem(string body)
    {
        var response = await _owner.PostRawAsync($"/api/v1/queues/{_frontDesk}/call-next", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Theory]
    [InlineData("status=SHOUTING")]
    [InlineData("status=3")]
    [InlineData("status=WAITING,CALLED")]
    [InlineData("page=0")]
    [InlineData("page=-1")]
    [InlineData("page=abc")]
    [InlineData("page=99999999999")]
    [InlineData("pageSize=0")]
    [InlineData("pageSize=-50")]
    [InlineData("pageSize=1000000")]
    [InlineData("pageSize=2147483647")]
    public async Task ABrokenTicketListingQueryIsA400Problem(string query)
    {
        var response = await _owner.GetAsync($"/api/v1/queues/{_frontDesk}/tickets?{query}");

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Theory]
    [InlineData("GET", "/api/v1/queues/not-a-guid")]
    [InlineData("POST", "/api/v1/queues/123/join")]
    [InlineData("POST", "/api/v1/tickets/%20/complete")]
    [InlineData("GET", "/api/v1/tickets/00000000-0000-0000-0000-00000000000G/events")]
    [InlineData("GET", "/api/v1/businesses/'; DROP TABLE x; --/queues")]
    public async Task ARouteIdThatIsNoIdIsA400Problem(string method, string url)
    {
        var response = await _owner.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }

    [Fact]
    public async Task AHugeBodyIsRefusedWith413()
    {
        var huge = "{\"name\": \"" + new string('x', 2 * 1024 * 1024) + "\"}";

        var response = await _owner.PostRawAsync("/api/v1/queues", huge);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "request_too_large");
    }

    [Fact]
    public async Task AHugeNameWithinTheBodyLimitIsAFieldError()
    {
        var response = await _owner.PostAsJsonAsync("/api/v1/queues", new { businessId = Guid.NewGuid(), name = new string('x', 10_000) });

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsA415Problem()
    {
        var response = await _owner.PostRawAsync("/api/v1/queues", "name=Lab", "application/x-www-form-urlencoded");

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported_media_type");
    }

    [Fact]
    public async Task AnUnknownRouteOrMethodIsAProblemNotTheSitesPage()
    {
        var unknown = await _owner.GetAsync("/api/v1/nothing-here");
        var wrongMethod = await _owner.PatchAsync($"/api/v1/queues/{_frontDesk}", new StringContent("{}", Encoding.UTF8, "application/json"));

        await unknown.AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await wrongMethod.AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    [Fact]
    public async Task ABrokenLoginBodyIsA400Problem()
    {
        var client = app.Client();

        await (await client.PostRawAsync("/api/v1/auth/login", "{\"email\": ")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await client.PostRawAsync("/api/v1/auth/register", "{\"email\": \"a@b.example\"}")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
        await (await client.PostRawAsync("/api/v1/auth/refresh", "{\"refreshToken\": \"garbage\"}")).AssertProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task AnInvalidIdempotencyKeyIsA400Problem()
    {
        var response = await _owner.PostWithKeyAsync($"/api/v1/queues/{_frontDesk}/pause", new string('k', 65));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation");
    }
}
