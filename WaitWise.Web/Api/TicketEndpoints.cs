using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using WaitWise.Core.Auth;
using WaitWise.Core.Common;
using WaitWise.Core.Tickets;

namespace WaitWise.Web.Api;

/// <summary>The staff's commands on one ticket, and its audit trail. The ticket service checks who may do what.</summary>
internal static class TicketEndpoints
{
    private delegate Task<Result<TicketView>> TicketCommand(ITicketService tickets, Actor actor, Guid ticketId, int? slot, RequestKey? key, CancellationToken ct);

    public static void MapTicketEndpoints(this RouteGroupBuilder api)
    {
        var tickets = api.MapGroup("/tickets").WithTags("Staff").RequireAuthorization();

        Map(tickets, "call", "Calls this waiting ticket to a counter (the given one, or the lowest free)",
            (t, a, id, slot, key, ct) => t.CallSpecificAsync(a, id, slot, key, ct), takesSlot: true);
        Map(tickets, "start", "Starts serving a called ticket", (t, a, id, _, key, ct) => t.StartServiceAsync(a, id, key, ct));
        Map(tickets, "complete", "Completes a ticket being served", (t, a, id, _, key, ct) => t.CompleteAsync(a, id, key, ct));
        Map(tickets, "hold", "Puts a called or served ticket on hold, freeing its counter", (t, a, id, _, key, ct) => t.HoldAsync(a, id, key, ct));
        Map(tickets, "resume", "Resumes serving a held ticket at a counter (the given one, or the lowest free)",
            (t, a, id, slot, key, ct) => t.ResumeAsync(a, id, slot, key, ct), takesSlot: true);
        Map(tickets, "no-show", "Marks a called ticket late; its holder may rejoin within the grace time", (t, a, id, _, key, ct) => t.NoShowAsync(a, id, key, ct));
        Map(tickets, "cancel", "Cancels an open ticket (its holder, or the queue's staff and owner)", (t, a, id, _, key, ct) => t.CancelAsync(a, id, key, ct));
        Map(tickets, "recall", "Announces a called ticket again", (t, a, id, _, key, ct) => t.RecallAsync(a, id, key, ct));

        tickets.MapGet("/{ticketId}/events", (Guid ticketId, ClaimsPrincipal user, ITicketQueries queries, CancellationToken ct) =>
                queries.GetHistoryAsync(QueueEndpoints.Me(user), ticketId, ct).ToHttpAsync(events => TypedResults.Ok(events)))
            .WithSummary("The ticket's audit trail, oldest first")
            .Produces<IReadOnlyList<TicketHistoryItem>>();
    }

    private static void Map(RouteGroupBuilder tickets, string action, string summary, TicketCommand command, bool takesSlot = false)
    {
        var route = $"/{{ticketId}}/{action}";
        var endpoint = takesSlot
            ? tickets.MapPost(route, (Guid ticketId, [FromBody] SlotRequest? body, ClaimsPrincipal user, CommandKey key, ITicketService service, CancellationToken ct) =>
                RunAsync(command, service, user, ticketId, body?.Slot, key.Key, ct))
            : tickets.MapPost(route, (Guid ticketId, ClaimsPrincipal user, CommandKey key, ITicketService service, CancellationToken ct) =>
                RunAsync(command, service, user, ticketId, null, key.Key, ct));
        endpoint.WithSummary(summary).Produces<TicketResponse>();
    }

    private static Task<IResult> RunAsync(
        TicketCommand command, ITicketService service, ClaimsPrincipal user, Guid ticketId, int? slot, RequestKey? key, CancellationToken ct) =>
        command(service, QueueEndpoints.Me(user), ticketId, slot, key, ct).ToHttpAsync(t => TypedResults.Ok(TicketResponse.From(t)));
}
