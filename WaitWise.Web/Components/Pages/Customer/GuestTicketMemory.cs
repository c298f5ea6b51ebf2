using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.JSInterop;
using Microsoft.AspNetCore.Components;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Tickets;
using WaitWise.Web.Api;

namespace WaitWise.Web.Components.Pages.Customer;

/// <summary>
/// The guest tickets this browser holds, remembered in a cookie: encrypted with the app's Data Protection keys (which
/// every node shares), HttpOnly and sent only to its own addresses, which the page reaches with same-origin requests
/// (wwwroot/js/guest-tickets.js). The queue page knows its visitor is in line already, My tickets lists them, and a
/// guest who signs in can take them into the account. Best effort: a browser that refuses the cookie, or a key ring
/// that changed, remembers nothing, and the ticket's own link still opens it.
/// </summary>
public sealed class GuestTicketMemory(
    IJSRuntime js, ITicketService tickets, ITicketQueries queries, IBusinessDirectory directory, NavigationManager navigation) : IAsyncDisposable
{
    public const string ModulePath = "./js/guest-tickets.js";
    public const string Address = "/guest-tickets/remembered";
    public const string CookieName = "WaitWise.GuestTickets";
    /// <summary>So the cookie stays well under the 4 KB a browser keeps of one.</summary>
    public const int Kept = 20;
    public sealed record Remembered(Guid TicketId, string Key);

    public sealed record Forget(Guid[]? TicketIds);

    private IJSObjectReference? _module;

    /// <summary>
    /// The tickets this browser holds whose keys still hold them, newest first, with their queues' names; the rest
    /// (taken into an account, erased, or in a queue no longer public) it forgets.
    /// </summary>
    public async Task<IReadOnlyList<HeldGuestTicket>> HeldAsync()
    {
        var held = new List<HeldGuestTicket>();
        var stale = new List<Guid>();
        foreach (var remembered in await ListAsync())
        {
            if (await tickets.GuestHolderAsync(remembered.TicketId, remembered.Key) is { IsSuccess: true } holder &&
                await queries.GetTicketAsync(holder.Value.Holder, remembered.TicketId) is { IsSuccess: true } ticket &&
                await directory.GetQueueAsync(null, holder.Value.QueueId) is { IsSuccess: true } listing)
            {
                var mine = MyTicket.In(listing.Value!, ticket.Value!);
                held.Add(new HeldGuestTicket(holder.Value.Holder, remembered.Key, GuestTicketPage.Link(navigation, remembered.TicketId, remembered.Key), mine));
            }
            else
            {
                stale.Add(remembered.TicketId);
            }
        }
        if (stale.Count > 0)
        {
            await ForgetAsync(stale);
        }
        return held;
    }

    public async Task<IReadOnlyList<Remembered>> ListAsync() =>
        await CallAsync(module => module.InvokeAsync<Remembered[]?>("list")) ?? [];

    public Task RememberAsync(Guid ticketId, string key) => CallAsync<object?>(async module =>
    {
        await module.InvokeVoidAsync("remember", ticketId, key);
        return null;
    });

    public Task ForgetAsync(IEnumerable<Guid> ticketIds) => CallAsync<object?>(async module =>
    {
        await module.InvokeVoidAsync("forget", ticketIds.ToArray());
        return null;
    });

    private async Task<T?> CallAsync<T>(Func<IJSObjectReference, ValueTask<T>> call)
    {
        try
        {
            _module ??= await js.InvokeAsync<IJSObjectReference>("import", ModulePath);
            return await call(_module);
        }
        catch (Exception e) when (e is JSException or JSDisconnectedException or InvalidOperationException or TaskCanceledException)
        {
            return default;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_module is not null)
        {
            try
            {
                await _module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The circuit is gone, and the module with it.
            }
        }
    }
}

/// <summary>A guest ticket this browser holds: the guest its key stands for, the key, the ticket's own link, and the ticket.</summary>
public sealed record HeldGuestTicket(Actor Holder, string Key, string Link, MyTicket Ticket);

/// <summary>The addresses of <see cref="GuestTicketMemory"/>'s cookie.</summary>
internal static class GuestTicketMemoryEndpoints
{
    private const string Purpose = "WaitWise.GuestTickets.v1";

    /// <summary>The cookie's addresses: read it, add a ticket (only with the key that holds it), forget tickets.</summary>
    public static void MapGuestTicketMemory(this IEndpointRouteBuilder endpoints)
    {
        var memory = endpoints.MapGroup(GuestTicketMemory.Address).ExcludeFromDescription()
            .AddEndpointFilter(ProblemCodeFilter.EnsureCodeAsync);
        memory.MapGet("", (HttpContext http, IDataProtectionProvider protection) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            return TypedResults.Ok(Read(http, protection));
        });
        memory.MapPost("", async ([FromBody] GuestTicketMemory.Remembered? ticket, HttpContext http, IDataProtectionProvider protection, ITicketService tickets) =>
        {
            if (!CrossOriginGuard.FromThisSite(http.Request))
            {
                return OtherSite();
            }
            if (ticket is null || await tickets.GuestHolderAsync(ticket.TicketId, ticket.Key, http.RequestAborted) is not { IsSuccess: true })
            {
                return ApiProblems.Problem(StatusCodes.Status404NotFound, "not_found", "No ticket is held by that key.");
            }
            Write(http, protection, Read(http, protection).Where(r => r.TicketId != ticket.TicketId).Prepend(ticket).Take(GuestTicketMemory.Kept).ToArray());
            return Results.NoContent();
        });
        memory.MapPost("/forget", ([FromBody] GuestTicketMemory.Forget? forget, HttpContext http, IDataProtectionProvider protection) =>
        {
            if (!CrossOriginGuard.FromThisSite(http.Request))
            {
                return OtherSite();
            }
            var gone = forget?.TicketIds ?? [];
            Write(http, protection, Read(http, protection).Where(r => !gone.Contains(r.TicketId)).ToArray());
            return Results.NoContent();
        });
    }

    /// <summary>Answered with a body, so the site's not-found page does not take over (a POST it cannot render).</summary>
    private static IResult OtherSite() =>
        ApiProblems.Problem(StatusCodes.Status403Forbidden, "forbidden", "Only this site's own pages may change what this browser remembers.");

    private static GuestTicketMemory.Remembered[] Read(HttpContext http, IDataProtectionProvider protection)
    {
        if (!http.Request.Cookies.TryGetValue(GuestTicketMemory.CookieName, out var sealedList) || sealedList.Length == 0)
        {
            return [];
        }
        try
        {
            var list = JsonSerializer.Deserialize<GuestTicketMemory.Remembered[]>(protection.CreateProtector(Purpose).Unprotect(sealedList), JsonSerializerOptions.Web) ?? [];
            return list.Where(r => r.Key is { Length: > 0 and <= TicketKey.MaxLength }).Take(GuestTicketMemory.Kept).ToArray();
        }
        catch (Exception e) when (e is CryptographicException or JsonException or FormatException)
        {
            return [];
        }
    }

    private static void Write(HttpContext http, IDataProtectionProvider protection, GuestTicketMemory.Remembered[] list)
    {
        var options = new CookieOptions
        {
            Path = http.Request.PathBase + GuestTicketMemory.Address,
            HttpOnly = true,
            Secure = http.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(30),
        };
        if (list.Length == 0)
        {
            http.Response.Cookies.Delete(GuestTicketMemory.CookieName, options);
            return;
        }
        http.Response.Cookies.Append(GuestTicketMemory.CookieName, protection.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(list, JsonSerializerOptions.Web)), options);
    }
}
