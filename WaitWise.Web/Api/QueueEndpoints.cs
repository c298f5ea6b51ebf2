using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using WaitWise.Core.Auth;
using WaitWise.Core.Businesses;
using WaitWise.Core.Common;
using WaitWise.Core.Notifications;
using WaitWise.Core.Queues;
using WaitWise.Core.Tickets;
using WaitWise.Web.Components;

namespace WaitWise.Web.Api;

/// <summary>Businesses and queues: browsing (public), the owner's queue administration, and the customer's own ticket.</summary>
internal static class QueueEndpoints
{
    private const int DefaultPageSize = 50;

    public static void MapBusinessEndpoints(this RouteGroupBuilder api)
    {
        var businesses = api.MapGroup("/businesses").WithTags("Businesses").AllowAnonymous();
        businesses.MapGet("/", async (ClaimsPrincipal user, IBusinessDirectory directory, CancellationToken ct) =>
                TypedResults.Ok(await directory.ListBusinessesAsync(CurrentActor.Of(user), ct)))
            .WithSummary("Approved businesses, and for an owner also their own");
        businesses.MapGet("/{id}/queues", (Guid id, ClaimsPrincipal user, IBusinessDirectory directory, CancellationToken ct) =>
                directory.ListQueuesAsync(CurrentActor.Of(user), id, ct).ToHttpAsync(queues => TypedResults.Ok(queues)))
            .WithSummary("The queues of a business you may see")
            .Produces<IReadOnlyList<QueueDetails>>();
    }

    public static void MapQueueEndpoints(this RouteGroupBuilder api)
    {
        var queues = api.MapGroup("/queues").WithTags("Queues").RequireAuthorization();

        queues.MapGet("/{id}", (Guid id, ITicketQueries queries, CancellationToken ct) =>
                queries.GetBoardAsync(id, ct: ct).ToHttpAsync(board => TypedResults.Ok(QueueStateResponse.From(board))))
            .AllowAnonymous()
            .WithSummary("A queue's public state: status, waiting count, estimated wait, who is at which counter, who is next")
            .Produces<QueueStateResponse>();

        MapAdministration(queues);
        MapCustomer(queues);

        queues.MapPost("/{id}/call-next", (Guid id, [FromBody] SlotRequest? body, ClaimsPrincipal user, CommandKey key, ITicketService tickets, CancellationToken ct) =>
                tickets.CallNextAsync(Me(user), id, body?.Slot, key.Key, ct).ToHttpAsync(t => TypedResults.Ok(TicketResponse.From(t))))
            .WithTags("Staff")
            .WithSummary("Calls the head of the line to a counter (the given one, or the lowest free)")
            .Produces<TicketResponse>();
        queues.MapPost("/{id}/messages", (Guid id, QueueMessageRequest body, ClaimsPrincipal user, CommandKey key, IQueueMessages messages, CancellationToken ct) =>
                messages.SendAsync(Me(user), id, body.Text, key.Key, ct)
                    .ToHttpAsync(m => TypedResults.Created($"/api/v1/queues/{id}/messages", m)))
            .WithTags("Staff")
            .WithSummary("Writes to everyone waiting (at most 500 characters, one a minute): shown on the queue's pages, sent to each waiting ticket")
            .Produces<QueueNotice>(StatusCodes.Status201Created);
        queues.MapGet("/{id}/messages", (Guid id, ClaimsPrincipal user, IQueueMessages messages, CancellationToken ct) =>
                messages.RecentAsync(Me(user), id, ct: ct).ToHttpAsync(m => TypedResults.Ok(m)))
            .WithTags("Staff")
            .WithSummary("The queue's last messages to everyone waiting, with who sent them and how many messages each made")
            .Produces<QueueMessageLog>();
        queues.MapGet("/{id}/tickets", ListTicketsAsync)
            .WithTags("Staff")
            .WithSummary("One page of the queue's tickets, optionally of one status (WAITING ones in serving order)")
            .Produces<TicketPageResponse>();
    }

    private static void MapAdministration(RouteGroupBuilder queues)
    {
        queues.MapPost("/", (CreateQueueRequest body, ClaimsPrincipal user, CommandKey key, IQueueAdmin admin, CancellationToken ct) =>
                body.BusinessId is not { } businessId || businessId == Guid.Empty
                    ? Task.FromResult(ApiProblems.From(Error.Invalid(new Dictionary<string, string[]> { ["businessId"] = ["The business to add the queue to is required."] })))
                    : admin.CreateAsync(Me(user), businessId, body.Settings, key.Key, ct)
                        .ToHttpAsync(q => TypedResults.Created($"/api/v1/queues/{q.Id}", q)))
            .WithTags("Owners")
            .WithSummary("Creates a queue (Closed until opened); settings left out take their defaults")
            .Produces<QueueDetails>(StatusCodes.Status201Created);
        queues.MapPut("/{id}", (Guid id, QueueChanges changes, ClaimsPrincipal user, IQueueAdmin admin, CancellationToken ct) =>
                admin.UpdateAsync(Me(user), id, changes, ct).ToHttpAsync(q => TypedResults.Ok(q)))
            .WithTags("Owners")
            .WithSummary("Changes a queue's settings; settings left out keep their values")
            .Produces<QueueDetails>();
        queues.MapDelete("/{id}", (Guid id, ClaimsPrincipal user, IQueueAdmin admin, CancellationToken ct) =>
                admin.DeleteAsync(Me(user), id, ct).ToHttpAsync(_ => TypedResults.NoContent()))
            .WithTags("Owners")
            .WithSummary("Deletes a queue and its history; refused while a ticket is open")
            .Produces(StatusCodes.Status204NoContent);

        MapQueueStatus(queues, "open", (c, a, id, key, ct) => c.OpenAsync(a, id, key, ct));
        MapQueueStatus(queues, "pause", (c, a, id, key, ct) => c.PauseAsync(a, id, key, ct));
        MapQueueStatus(queues, "lock", (c, a, id, key, ct) => c.LockAsync(a, id, key, ct));
        MapQueueStatus(queues, "close", (c, a, id, key, ct) => c.CloseAsync(a, id, key, ct));

        queues.MapPost("/{id}/staff", (Guid id, AssignStaffRequest body, ClaimsPrincipal user, IQueueAdmin admin, CancellationToken ct) =>
                body.Email is not { } email
                    ? Task.FromResult(ApiProblems.From(Error.Invalid(new Dictionary<string, string[]> { ["email"] = ["The staff member's email is required."] })))
                    : admin.AssignStaffAsync(Me(user), id, email, ct).ToHttpAsync(s => TypedResults.Ok(s)))
            .WithTags("Owners")
            .WithSummary("Lets the account with this email operate the queue")
            .Produces<StaffMember>();
        queues.MapDelete("/{id}/staff/{userId}", (Guid id, string userId, ClaimsPrincipal user, IQueueAdmin admin, CancellationToken ct) =>
                admin.RemoveStaffAsync(Me(user), id, userId, ct).ToHttpAsync(_ => TypedResults.NoContent()))
            .WithTags("Owners")
            .WithSummary("Stops a staff member operating the queue")
            .Produces(StatusCodes.Status204NoContent);
    }

    private static void MapQueueStatus(
        RouteGroupBuilder queues, string action, Func<IQueueControl, Actor, Guid, RequestKey?, CancellationToken, Task<Result<QueueStatus>>> change) =>
        queues.MapPost($"/{{id}}/{action}", (Guid id, ClaimsPrincipal user, CommandKey key, IQueueControl control, CancellationToken ct) =>
                change(control, Me(user), id, key.Key, ct).ToHttpAsync(s => TypedResults.Ok(new QueueStatusResponse(id, s))))
            .WithTags("Owners")
            .WithSummary($"Sets the queue's status ({action})")
            .Produces<QueueStatusResponse>();

    private static void MapCustomer(RouteGroupBuilder queues)
    {
        queues.MapPost("/{id}/join", (Guid id, ClaimsPrincipal user, CommandKey key, ITicketService tickets, CancellationToken ct) =>
                tickets.JoinAndPlaceAsync(Me(user), id, key.Key, ct)
                    .ToHttpAsync(t => TypedResults.Created($"/api/v1/queues/{id}/status", MyTicketResponse.From(t))))
            .RequireRateLimiting(ApiRateLimits.JoinPolicy)
            .WithTags("Customers")
            .WithSummary("Takes a ticket in the queue")
            .Produces<MyTicketResponse>(StatusCodes.Status201Created);
        queues.MapPost("/{id}/leave", (Guid id, ClaimsPrincipal user, CommandKey key, ITicketService tickets, CancellationToken ct) =>
                tickets.LeaveAsync(Me(user), id, key.Key, ct).ToHttpAsync(t => TypedResults.Ok(MyTicketResponse.From(t))))
            .WithTags("Customers")
            .WithSummary("Gives up your ticket in the queue")
            .Produces<MyTicketResponse>();
        queues.MapPost("/{id}/rejoin", (Guid id, ClaimsPrincipal user, CommandKey key, ITicketService tickets, CancellationToken ct) =>
                tickets.RejoinMineAsync(Me(user), id, key.Key, ct).ToHttpAsync(t => TypedResults.Ok(MyTicketResponse.From(t))))
            .WithTags("Customers")
            .WithSummary("Back into the line, ahead of it, after missing your call (within the grace time)")
            .Produces<MyTicketResponse>();
        queues.MapGet("/{id}/status", (Guid id, ClaimsPrincipal user, ITicketQueries queries, CancellationToken ct) =>
                queries.GetMyTicketAsync(Me(user), id, ct).ToHttpAsync(t => TypedResults.Ok(MyTicketResponse.From(t))))
            .WithTags("Customers")
            .WithSummary("Your ticket in the queue: status, position, estimated wait, counter")
            .Produces<MyTicketResponse>();
    }

    private static async Task<IResult> ListTicketsAsync(
        Guid id, string? status, int? page, int? pageSize, ClaimsPrincipal user, ITicketQueries queries, CancellationToken ct)
    {
        TicketStatus? only = null;
        if (!string.IsNullOrEmpty(status))
        {
            // By name only: Enum.TryParse would also take "7" or "1,2".
            only = Enum.GetValues<TicketStatus>().Cast<TicketStatus?>()
                .FirstOrDefault(s => s.ToString()!.Equals(status, StringComparison.OrdinalIgnoreCase));
            if (only is null)
            {
                return ApiProblems.From(Error.Invalid(new Dictionary<string, string[]>
                {
                    ["status"] = [$"Unknown status; use one of {string.Join(", ", Enum.GetValues<TicketStatus>().Select(s => s.ToDb()))}."],
                }));
            }
        }
        return await queries.GetTicketsAsync(Me(user), id, only, page ?? 1, pageSize ?? DefaultPageSize, ct)
            .ToHttpAsync(p => TypedResults.Ok(TicketPageResponse.From(p)));
    }

    /// <summary>The signed-in caller; the group requires authorization, so there always is one.</summary>
    internal static Actor Me(ClaimsPrincipal user) =>
        CurrentActor.Of(user) ?? throw new InvalidOperationException("An API route that needs a caller was reached without one.");
}
