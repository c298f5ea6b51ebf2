using WaitWise.Web.Languages;
using Microsoft.AspNetCore.Mvc;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Web.Api;

/// <summary>A guest's join (no account), and the routes its holder reaches the ticket by, with the ticket's key.</summary>
public sealed record GuestJoinRequest(string? Name, string? Email, string? Phone);

/// <summary>A guest's new ticket: where it stands, the key that holds it, and its own page's address.</summary>
public sealed record GuestTicketResponse(
    Guid TicketId, int TicketNumber, string Code, TicketStatus Status, int? Position, int? EstimatedWaitSeconds, string TicketKey, string TicketUrl);

internal static class GuestTicketEndpoints
{
    public const string KeyHeader = "X-Ticket-Key";

    public static void MapGuestTicketEndpoints(this RouteGroupBuilder api)
    {
        api.MapPost("/queues/{id}/guest-tickets", async (Guid id, [FromBody] GuestJoinRequest? body, ITicketService tickets, HttpContext context, CancellationToken ct) =>
            {
                if (body is null)
                {
                    return ApiProblems.From(Error.Invalid(new Dictionary<string, string[]> { ["name"] = ["Send a JSON body with at least a name."] }));
                }
                var joined = await tickets.JoinAsGuestAsync(id, new GuestDetails(body.Name, body.Email, body.Phone) { Language = SiteLanguages.Asked(context) }, ct);
                return joined.ToHttp(t =>
                {
                    var url = $"{context.Request.Scheme}://{context.Request.Host}/tickets/{t.Placed.Ticket.Id}#key={t.Key}";
                    var p = t.Placed;
                    return TypedResults.Created($"/api/v1/guest-tickets/{p.Ticket.Id}", new GuestTicketResponse(
                        p.Ticket.Id, p.Ticket.Number, p.Ticket.Code, p.Ticket.Status, p.Position, QueueStateResponse.Seconds(p.EstimatedWait), t.Key, url));
                });
            })
            .RequireRateLimiting(ApiRateLimits.GuestJoinPolicy)
            // The answer holds the ticket's key, which is kept nowhere else but as a hash: a retry's copy is kept sealed.
            .WithMetadata(Idempotency.KeptSealedMetadata)
            .WithTags("Guests")
            .WithSummary("Takes a ticket without an account, on a queue that takes guests; keep the ticketKey: it is the ticket")
            .Produces<GuestTicketResponse>(StatusCodes.Status201Created);

        var guest = api.MapGroup("/guest-tickets/{ticketId}").WithTags("Guests");
        guest.MapGet("", (Guid ticketId, [FromHeader(Name = KeyHeader)] string? key, ITicketService tickets, ITicketQueries queries, CancellationToken ct) =>
                HeldAsync(tickets, ticketId, key, ct, async held =>
                    (await queries.GetTicketAsync(held.Holder, ticketId, ct)).ToHttp(t => TypedResults.Ok(MyTicketResponse.From(t)))))
            .WithSummary($"Your guest ticket: status, position, estimated wait, counter (send its key as {KeyHeader})")
            .Produces<MyTicketResponse>();
        guest.MapPost("/leave", (Guid ticketId, [FromHeader(Name = KeyHeader)] string? key, CommandKey requestKey, ITicketService tickets, CancellationToken ct) =>
                HeldAsync(tickets, ticketId, key, ct, held =>
                    tickets.LeaveAsync(held.Holder, held.QueueId, requestKey.Key, ct).ToHttpAsync(t => TypedResults.Ok(MyTicketResponse.From(t)))))
            .WithSummary("Gives up your guest ticket")
            .Produces<MyTicketResponse>();
        guest.MapPost("/rejoin", (Guid ticketId, [FromHeader(Name = KeyHeader)] string? key, CommandKey requestKey, ITicketService tickets, CancellationToken ct) =>
                HeldAsync(tickets, ticketId, key, ct, held =>
                    tickets.RejoinMineAsync(held.Holder, held.QueueId, requestKey.Key, ct).ToHttpAsync(t => TypedResults.Ok(MyTicketResponse.From(t)))))
            .WithSummary("Back into the line with your guest ticket after missing your call (within the grace time)")
            .Produces<MyTicketResponse>();
    }

    /// <summary>Runs <paramref name="then"/> for the guest the key holds the ticket for; 404 for a wrong key as for no ticket.</summary>
    private static async Task<IResult> HeldAsync(
        ITicketService tickets, Guid ticketId, string? key, CancellationToken ct, Func<(Actor Holder, Guid QueueId), Task<IResult>> then) =>
        await tickets.GuestHolderAsync(ticketId, key, ct) is { IsSuccess: true } held ? await then(held.Value) : NoSuchTicket();

    private static IResult NoSuchTicket() => ApiProblems.From(Error.NotFound("The ticket"));
}
