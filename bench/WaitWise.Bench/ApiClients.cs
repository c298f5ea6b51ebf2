using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WaitWise.Bench;

/// <summary>Signed-in HTTP clients of the app's /api/v1 at an address (a node, or a proxy in front of nodes), as kiosks and integrations use it.</summary>
public sealed class ApiClients(Uri baseAddress, int inFlight) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = inFlight * 2, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromMinutes(2),
    };

    /// <summary>Bearer tokens for the accounts, signing in <c>inFlight</c> at a time.</summary>
    public async Task<string[]> SignInAsync(IReadOnlyList<string> emails)
    {
        var tokens = new string[emails.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, emails.Count), new ParallelOptions { MaxDegreeOfParallelism = inFlight }, async (i, ct) =>
        {
            using var response = await _http.PostAsJsonAsync("api/v1/auth/login", new { email = emails[i], password = BenchHost.Password }, ct);
            response.EnsureSuccessStatusCode();
            var body = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
            tokens[i] = body.GetProperty("accessToken").GetString()!;
        });
        return tokens;
    }

    public async Task<(HttpStatusCode Status, JsonElement Body)> PostAsync(string token, string path, object? body = null, CancellationToken ct = default)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body ?? new { }) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public void Dispose() => _http.Dispose();
}
